using Badge.Sdk.Identity;

namespace Badge.Sdk.Platforms;

/// <summary>
/// Keeps certifications so a flow survives a restart. <see cref="TryReplaceAsync"/> is an atomic compare-and-swap on
/// <see cref="Certification.Version"/>. Like <see cref="Badge.Sdk.Challenges.IChallengeStore"/>, every write is a <c>Try…</c>
/// that returns <see langword="false"/> for the expected conflict and throws only when the store fails. In memory by default; <c>Badge.Sdk.Redis</c> has a Redis store.
/// </summary>
public interface ICertificationStore
{
    /// <summary>Adds a certification unless one with its id exists (then nothing is changed).</summary>
    /// <param name="certification">The certification.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when added; <see langword="false"/> when the id is taken. Only a store failure throws.</returns>
    Task<bool> TryAddAsync(Certification certification, CancellationToken cancellationToken = default);

    /// <summary>Reads a certification.</summary>
    /// <param name="id">Its id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The certification, or <see langword="null"/>.</returns>
    Task<Certification?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Replaces a certification only if it is still at <paramref name="expectedVersion"/>.</summary>
    /// <param name="replacement">The new value.</param>
    /// <param name="expectedVersion">The version read before.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether this call made the change.</returns>
    Task<bool> TryReplaceAsync(Certification replacement, int expectedVersion, CancellationToken cancellationToken = default);
}
