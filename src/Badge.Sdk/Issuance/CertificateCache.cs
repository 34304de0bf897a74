using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Badge.Sdk.Telemetry;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;
using Badge.Sdk.Certificates;

namespace Badge.Sdk.Issuance;

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
    private readonly TimeSpan _deadline;

    public CertificateCache(TimeProvider time, IOptions<BadgeAuthorityClientOptions> options, IDistributedCache? distributed = null)
    {
        _time = time;
        _distributed = distributed;
        _duration = options.Value.CertificateCacheDuration;
        // The client's own total timeout bounds the request; this bounds the flight as a whole (cache reads and
        // writes included), so no waiter can be left behind a flight that never ends.
        _deadline = options.Value.TotalTimeout + TimeSpan.FromSeconds(5);
    }

    public ValueTask<BadgeCertificate> GetAsync(string badgeId, BadgeAuthorityClient client, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(badgeId, out var entry) && entry.Current is { } snapshot && _time.GetUtcNow() < snapshot.FreshUntil)
        {
            BadgeTelemetry.CertificateLookups.Add(1, new KeyValuePair<string, object?>(BadgeTelemetry.CacheResult, "hit"));
            Lookup(badgeId, "hit")?.Dispose();
            return new ValueTask<BadgeCertificate>(snapshot.Certificate);
        }

        return new ValueTask<BadgeCertificate>(RefreshAsync(badgeId, client, cancellationToken));
    }

    private async Task<BadgeCertificate> RefreshAsync(string badgeId, BadgeAuthorityClient client, CancellationToken cancellationToken)
    {
        var entry = _entries.GetOrAdd(badgeId, static _ => new Entry());
        Task<BadgeCertificate> flight;
        using var activity = Lookup(badgeId, "miss");
        lock (entry)
        {
            if (entry.Current is { } snapshot && _time.GetUtcNow() < snapshot.FreshUntil)
            {
                activity?.SetTag(BadgeTelemetry.CacheResult, "hit");
                BadgeTelemetry.CertificateLookups.Add(1, new KeyValuePair<string, object?>(BadgeTelemetry.CacheResult, "hit"));
                return snapshot.Certificate;
            }

            // One request for every concurrent caller; no caller's token cancels it, each only stops waiting.
            entry.Flight ??= FetchAsync(badgeId, entry, client);
            flight = entry.Flight;
        }

        BadgeTelemetry.CertificateLookups.Add(1, new KeyValuePair<string, object?>(BadgeTelemetry.CacheResult, "miss"));
        try
        {
            return await flight.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (BadgeAuthorityException ex)
        {
            BadgeTelemetry.SetError(activity, ex.Code ?? nameof(BadgeAuthorityException));
            throw;
        }
    }

    // A lookup's span (a hit is a span without children; a miss holds the authority call of the flight it started).
    private static Activity? Lookup(string badgeId, string result)
    {
        var activity = BadgeTelemetry.Source.StartActivity(BadgeTelemetry.CertificateLookupSpan);
        activity?.SetTag(BadgeTelemetry.BadgeId, badgeId);
        activity?.SetTag(BadgeTelemetry.CacheResult, result);
        return activity;
    }

    private async Task<BadgeCertificate> FetchAsync(string badgeId, Entry entry, BadgeAuthorityClient client)
    {
        await Task.Yield();
        // No caller's token cancels the shared flight; its own deadline does.
        using var deadline = new CancellationTokenSource(_deadline, _time);
        try
        {
            var previous = entry.Current ?? await ReadDistributedAsync(badgeId, deadline.Token).ConfigureAwait(false);
            if (previous is not null && _time.GetUtcNow() < previous.FreshUntil)
            {
                entry.Current = previous;
                Activity.Current?.SetTag(BadgeTelemetry.CertificateSource, "distributed");
                return previous.Certificate;
            }

            var (certificate, etag) = await client.FetchCertificateAsync(badgeId, previous?.ETag, deadline.Token).ConfigureAwait(false);
            Activity.Current?.SetTag(BadgeTelemetry.CertificateSource, certificate is null ? "authority-not-modified" : "authority");
            var fresh = new CachedCertificate(certificate ?? previous!.Certificate, etag, _time.GetUtcNow() + _duration);
            entry.Current = fresh;
            await WriteDistributedAsync(badgeId, fresh, deadline.Token).ConfigureAwait(false);
            return fresh.Certificate;
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested)
        {
            throw new BadgeAuthorityException(
                $"The certificate of badge '{badgeId}' could not be read within {_deadline}.", null, AuthorityErrorCodes.TransportError, null, null, ex);
        }
        finally
        {
            lock (entry)
            {
                entry.Flight = null;
            }
        }
    }

    // The distributed cache is an optimisation: when it fails or hangs, the authority is asked instead.
    private async Task<CachedCertificate?> ReadDistributedAsync(string badgeId, CancellationToken cancellationToken)
    {
        if (_distributed is null)
        {
            return null;
        }

        try
        {
            var bytes = await _distributed.GetAsync(Key(badgeId), cancellationToken).ConfigureAwait(false);
            return bytes is null ? null : JsonSerializer.Deserialize(bytes, IssuanceJsonContext.Default.CachedCertificate);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task WriteDistributedAsync(string badgeId, CachedCertificate value, CancellationToken cancellationToken)
    {
        if (_distributed is null)
        {
            return;
        }

        try
        {
            // Kept past freshness so its ETag can still revalidate; the entry's own FreshUntil decides freshness.
            await _distributed.SetAsync(
                Key(badgeId),
                JsonSerializer.SerializeToUtf8Bytes(value, IssuanceJsonContext.Default.CachedCertificate),
                new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = _duration * 12 },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The in-memory entry is set; the shared copy is refreshed on the next fetch.
        }
    }

    private static string Key(string badgeId) => "badge-sdk:certificate:" + badgeId;

    private sealed class Entry
    {
        public volatile CachedCertificate? Current;

        public Task<BadgeCertificate>? Flight;
    }
}

// What the distributed cache holds for one certificate.
internal sealed record CachedCertificate(BadgeCertificate Certificate, string? ETag, DateTimeOffset FreshUntil);
