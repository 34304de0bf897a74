using System.Collections.Concurrent;

namespace Badge.Sdk.Challenges;

/// <summary>
/// Keeps challenges. <see cref="TryReplaceAsync"/> is an atomic compare-and-swap on <see cref="Challenge.Version"/>:
/// of many concurrent answers to one challenge, exactly one consumes it.
/// </summary>
public interface IChallengeStore
{
    /// <summary>Adds a new challenge.</summary>
    /// <param name="challenge">The challenge.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task AddAsync(Challenge challenge, CancellationToken cancellationToken = default);

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

/// <summary>The in-memory store (one process). Expired challenges are dropped after <c>ExpiresAt</c> + 10 minutes.</summary>
public sealed class InMemoryChallengeStore : IChallengeStore
{
    private readonly ConcurrentDictionary<string, Challenge> _challenges = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task AddAsync(Challenge challenge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        if (!_challenges.TryAdd(challenge.Id, challenge))
        {
            throw new InvalidOperationException($"A challenge with id {challenge.Id} exists.");
        }

        foreach (var old in _challenges.Values.Where(c => c.ExpiresAt.AddMinutes(10) < challenge.CreatedAt).Take(64))
        {
            _challenges.TryRemove(old.Id, out _);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<Challenge?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_challenges.TryGetValue(id, out var challenge) ? challenge : null);

    /// <inheritdoc />
    public Task<bool> TryReplaceAsync(Challenge replacement, int expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        return Task.FromResult(_challenges.TryGetValue(replacement.Id, out var current)
            && current.Version == expectedVersion
            && _challenges.TryUpdate(replacement.Id, replacement, current));
    }
}
