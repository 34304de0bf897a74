namespace Badge.Sdk.Challenges;

/// <summary>
/// Keeps challenges. Like <see cref="Badge.Sdk.Platforms.ICertificationStore"/>, every write is a <c>Try…</c> that
/// returns <see langword="false"/> for the expected conflict (an id taken, a version moved on) and throws only when
/// the store itself fails. <see cref="TryReplaceAsync"/> is an atomic compare-and-swap on <see cref="Challenge.Version"/>:
/// of many concurrent answers to one challenge, exactly one consumes it.
/// </summary>
public interface IChallengeStore
{
    /// <summary>Adds a new challenge unless one with its id exists (then nothing is changed).</summary>
    /// <param name="challenge">The challenge.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when added; <see langword="false"/> when the id is taken. Only a store failure throws.</returns>
    Task<bool> TryAddAsync(Challenge challenge, CancellationToken cancellationToken = default);

    /// <summary>Reads a challenge.</summary>
    /// <param name="id">Its id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The challenge, or <see langword="null"/>.</returns>
    Task<Challenge?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Replaces a challenge only if it is still at <paramref name="expectedVersion"/>.</summary>
    /// <param name="replacement">The new value (its version must be <paramref name="expectedVersion"/> + 1).</param>
    /// <param name="expectedVersion">The version read before.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether this call made the change.</returns>
    Task<bool> TryReplaceAsync(Challenge replacement, int expectedVersion, CancellationToken cancellationToken = default);
}

