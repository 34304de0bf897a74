using System.Collections.Concurrent;
using System.Text.Json;
using Badge.Sdk.Issuance;
using Badge.Sdk.Json;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;

namespace Badge.Sdk.Certificates;

// Certificate lookups: a process-wide dictionary in front (a fresh hit is one lookup and one clock read, no
// allocation), the app's IDistributedCache behind it when one is registered, and single-flight fetches with
// If-None-Match revalidation. HybridCache offers L1/L2 and stampede protection but drops an expired entry, and
// with it the ETag needed to revalidate, so this small cache keeps its own entries.
internal sealed class CertificateCache
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly IDistributedCache? _distributed;
    private readonly TimeSpan _duration;

    public CertificateCache(TimeProvider time, IOptions<BadgeAuthorityClientOptions> options, IDistributedCache? distributed = null)
    {
        _time = time;
        _distributed = distributed;
        _duration = options.Value.CertificateCacheDuration;
    }

    public ValueTask<BadgeCertificate> GetAsync(string badgeId, BadgeAuthorityClient client, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(badgeId, out var entry) && entry.Current is { } snapshot && _time.GetUtcNow() < snapshot.FreshUntil)
        {
            return new ValueTask<BadgeCertificate>(snapshot.Certificate);
        }

        return new ValueTask<BadgeCertificate>(RefreshAsync(badgeId, client, cancellationToken));
    }

    private async Task<BadgeCertificate> RefreshAsync(string badgeId, BadgeAuthorityClient client, CancellationToken cancellationToken)
    {
        var entry = _entries.GetOrAdd(badgeId, static _ => new Entry());
        Task<BadgeCertificate> flight;
        lock (entry)
        {
            if (entry.Current is { } snapshot && _time.GetUtcNow() < snapshot.FreshUntil)
            {
                return snapshot.Certificate;
            }

            // One request for every concurrent caller; no caller's token cancels it, each only stops waiting.
            entry.Flight ??= FetchAsync(badgeId, entry, client);
            flight = entry.Flight;
        }

        return await flight.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<BadgeCertificate> FetchAsync(string badgeId, Entry entry, BadgeAuthorityClient client)
    {
        await Task.Yield();
        try
        {
            var previous = entry.Current ?? await ReadDistributedAsync(badgeId).ConfigureAwait(false);
            if (previous is not null && _time.GetUtcNow() < previous.FreshUntil)
            {
                entry.Current = previous;
                return previous.Certificate;
            }

            var (certificate, etag) = await client.FetchCertificateAsync(badgeId, previous?.ETag, CancellationToken.None).ConfigureAwait(false);
            var fresh = new CachedCertificate(certificate ?? previous!.Certificate, etag, _time.GetUtcNow() + _duration);
            entry.Current = fresh;
            await WriteDistributedAsync(badgeId, fresh).ConfigureAwait(false);
            return fresh.Certificate;
        }
        finally
        {
            lock (entry)
            {
                entry.Flight = null;
            }
        }
    }

    private async Task<CachedCertificate?> ReadDistributedAsync(string badgeId)
    {
        if (_distributed is null)
        {
            return null;
        }

        var bytes = await _distributed.GetAsync(Key(badgeId)).ConfigureAwait(false);
        if (bytes is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, BadgeJsonContext.Default.CachedCertificate);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task WriteDistributedAsync(string badgeId, CachedCertificate value)
    {
        if (_distributed is null)
        {
            return;
        }

        // Kept past freshness so its ETag can still revalidate; the entry's own FreshUntil decides freshness.
        await _distributed.SetAsync(
            Key(badgeId),
            JsonSerializer.SerializeToUtf8Bytes(value, BadgeJsonContext.Default.CachedCertificate),
            new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = _duration * 12 }).ConfigureAwait(false);
    }

    private static string Key(string badgeId) => "badge-sdk:certificate:" + badgeId;

    private sealed class Entry
    {
        public volatile CachedCertificate? Current;

        public Task<BadgeCertificate>? Flight;
    }
}
