using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Badge.Sdk.AspNetCore.Footer;

namespace Badge.Sdk.AspNetCore.Tests.Footer;

[CollectionDefinition(nameof(AuthorityChaosFaultTests), DisableParallelization = true)]
public sealed class AuthorityChaosRunsAlone;

/// <summary>
/// The chaos soak: the authority switches to a random fault every second under concurrent page load, for
/// <c>BADGE_CHAOS_SECONDS</c> (default 30, at most 60). Runs alone, so its memory and latency figures are its own.
/// </summary>
[Collection(nameof(AuthorityChaosFaultTests))]
public sealed class AuthorityChaosFaultTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    private static readonly string[] Fields =
        ["id", "badgeId", "kind", "status", "version", "uscc", "organizerName", "onlineName", "institutionKind", "issuingOffice", "issuedAt", "updatedAt", "certificateUrl"];

    [Fact]
    public async Task ChaosSoak_RandomFaultEverySecondUnderLoad_EveryPageIs200_HostStays_MemoryFlat()
    {
        var ct = TestContext.Current.CancellationToken;
        var seconds = Math.Clamp(int.TryParse(Environment.GetEnvironmentVariable("BADGE_CHAOS_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : 30, 5, 60);
        var seed = Environment.TickCount;
        TestContext.Current.TestOutputHelper?.WriteLine($"chaos: {seconds} s, seed {seed}");
        var random = new Random(seed);
        await using var site = await FaultSite.StartAsync(fixture.Host, RefreshInterval);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // A histogram in 0.1 ms buckets (the last one is "2 s or more"): its memory does not grow with the page count.
        var histogram = new long[20_001];
        var failures = new ConcurrentQueue<string>();
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var (status, _, elapsed) = await site.GetPageAsync(stop.Token);
                    Interlocked.Increment(ref histogram[Math.Min((int)(elapsed.Ticks / 1000), histogram.Length - 1)]);
                    if (status != HttpStatusCode.OK)
                    {
                        failures.Enqueue($"status {(int)status}");
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                }
                catch (Exception ex)
                {
                    failures.Enqueue(ex.GetType().Name + ": " + ex.Message);
                }
            }
        }, ct)).ToList();

        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = baseline;
        var modes = Enum.GetValues<FaultMode>();
        var used = new HashSet<FaultMode>();
        var watch = Stopwatch.StartNew();
        var round = new Queue<FaultMode>();
        while (watch.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            // Every mode once per round, in a random order: random, yet each is tried however slow the machine is.
            if (round.Count == 0)
            {
                var order = modes.ToArray();
                random.Shuffle(order);
                order.ToList().ForEach(round.Enqueue);
            }

            var mode = round.Dequeue();
            site.Authority.MissingField = Fields[random.Next(Fields.Length)];
            site.Authority.Mode = mode;
            used.Add(mode);
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
        }

        site.Authority.Mode = FaultMode.None;
        await Task.Delay(RefreshInterval * 2, ct);
        var end = GC.GetTotalMemory(forceFullCollection: true);
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        var badgeBack = await site.WaitUntilAsync(body => body.Contains(site.BadgeId, StringComparison.Ordinal), RefreshInterval * 2);
        await fixture.Host.Client(EmulatorHost.KeyA).RevokeBadgeAsync(site.BadgeId, "网站已关停", ct);
        var revoked = await site.WaitUntilAsync(body => !body.Contains("data-online-badge", StringComparison.Ordinal), TimeSpan.FromSeconds(15));

        var pages = histogram.Sum();
        var p50 = Percentile(histogram, pages, 0.5);
        var p99 = Percentile(histogram, pages, 0.99);
        var max = Percentile(histogram, pages, 1);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"pages {pages}, p50 {p50.TotalMilliseconds:F1} ms, p99 {p99.TotalMilliseconds:F1} ms, max {max.TotalMilliseconds:F1} ms; " +
            $"memory baseline {baseline / 1024 / 1024} MiB, peak {peak / 1024 / 1024} MiB, end {end / 1024 / 1024} MiB; modes {string.Join(",", used)}; proxy requests {site.Authority.Requests}");

        Assert.Empty(failures);
        Assert.True(pages > seconds * 20, $"only {pages} pages served");
        Assert.False(site.Stopped, "the host never stops");
        Assert.False(site.RefresherLoop!.IsCompleted, "the refresher keeps running");
        Assert.True(p50 < TimeSpan.FromMilliseconds(50), $"p50 {p50.TotalMilliseconds} ms");
        Assert.True(p99 < TimeSpan.FromSeconds(1), $"p99 {p99.TotalMilliseconds} ms");
        Assert.True(end - baseline < 32L * 1024 * 1024, $"memory grew from {baseline / 1024 / 1024} to {end / 1024 / 1024} MiB");
        Assert.True(peak - baseline < 128L * 1024 * 1024, $"memory peaked at {peak / 1024 / 1024} MiB from {baseline / 1024 / 1024} MiB");
        Assert.NotNull(badgeBack);
        Assert.NotNull(revoked);
        Assert.True(revoked <= RefreshInterval * 2, $"revocation shown after {revoked}");
        Assert.True(used.Count >= Math.Min(modes.Length, seconds / 3), $"only {used.Count} modes were tried");
    }

    // The upper edge of the bucket holding the given fraction of the pages.
    private static TimeSpan Percentile(long[] histogram, long total, double fraction)
    {
        var wanted = Math.Max(1, (long)Math.Ceiling(total * fraction));
        long seen = 0;
        for (var i = 0; i < histogram.Length; i++)
        {
            seen += histogram[i];
            if (seen >= wanted)
            {
                return TimeSpan.FromTicks((i + 1) * 1000L);
            }
        }

        return TimeSpan.MaxValue;
    }
}
