using System.Collections.Concurrent;

namespace Badge.Sdk.Challenges;

/// <summary>The in-memory store (one process). Expired challenges are dropped after <c>ExpiresAt</c> + 10 minutes.</summary>
public sealed class InMemoryChallengeStore : IChallengeStore
{
    private readonly ConcurrentDictionary<string, Challenge> _challenges = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<bool> TryAddAsync(Challenge challenge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        if (!_challenges.TryAdd(challenge.Id, challenge))
        {
            return Task.FromResult(false);
        }

        foreach (var old in _challenges.Values.Where(c => c.ExpiresAt.AddMinutes(10) < challenge.CreatedAt).Take(64))
        {
            _challenges.TryRemove(old.Id, out _);
        }

        return Task.FromResult(true);
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
