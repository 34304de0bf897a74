using System.Collections.Concurrent;

namespace Badge.Sdk.Platforms;

/// <summary>The in-memory certification store (one process; lost on restart).</summary>
public sealed class InMemoryCertificationStore : ICertificationStore
{
    private readonly ConcurrentDictionary<string, Certification> _items = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<bool> TryAddAsync(Certification certification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certification);
        return Task.FromResult(_items.TryAdd(certification.Id, certification));
    }

    /// <inheritdoc />
    public Task<Certification?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_items.TryGetValue(id, out var item) ? item : null);

    /// <inheritdoc />
    public Task<bool> TryReplaceAsync(Certification replacement, int expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        return Task.FromResult(_items.TryGetValue(replacement.Id, out var current) && current.Version == expectedVersion && _items.TryUpdate(replacement.Id, replacement, current));
    }
}
