using System.Net;
using Badge.Sdk.AspNetCore.Footer;
using Microsoft.Extensions.Logging;

namespace Badge.Sdk.AspNetCore.Tests.Footer;

/// <summary>
/// A real site against a real misbehaving authority (<see cref="FaultyAuthority"/> in front of the emulator on
/// 127.0.0.1), one case per fault: pages keep answering 200 fast with the last good footer, the host never stops,
/// what is read stays bounded, nothing is logged with a stack trace, and once the authority recovers a revocation
/// leaves the pages within two refresh intervals.
/// </summary>
public sealed class AuthorityFaultTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    public static TheoryData<FaultMode> Modes() =>
    [
        FaultMode.ResetBeforeHeaders, FaultMode.ResetMidBody, FaultMode.StallAfterHeaders, FaultMode.StallMidBody, FaultMode.Trickle,
        FaultMode.HugeBody, FaultMode.GarbageJson, FaultMode.ServerError, FaultMode.NotFound, FaultMode.WrongContentType,
    ];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Fault_SiteKeepsServingTheLastGoodFooter_AndShowsTheAuthoritysTruthOnRecovery(FaultMode mode)
    {
        // Faults answered at once and not retried need no short deadline (a loaded machine could otherwise add a
        // timeout to the fault under test); stalls, trickles, resets and retried 5xx answers are met by the deadlines.
        var prompt = mode is FaultMode.HugeBody or FaultMode.GarbageJson or FaultMode.NotFound or FaultMode.WrongContentType;
        await using var site = await FaultSite.StartAsync(fixture.Host, RefreshInterval, promptFaults: prompt);
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);

        var run = await FaultRun.RunAsync(site, fixture.Host, () => site.Authority.Mode = mode);

        var memoryAfterFault = run.MemoryAtFaultEnd - memoryBefore;
        run.AssertSiteHeldUp(site);
        run.AssertFailureLoggedOnceWithoutStackTrace(expectFailure: true);
        Assert.Equal(BadgeFooterState.Failing, run.StatusAtFaultEnd.State);
        Assert.True(run.StatusAtFaultEnd.IsShown, "the last good footer stays while the authority fails");
        Assert.True(memoryAfterFault < 100L * 1024 * 1024, $"managed memory grew by {memoryAfterFault / 1024 / 1024} MiB during the fault");
        if (mode == FaultMode.HugeBody)
        {
            // The client stops at its 1 MiB cap and closes; what the proxy got out is that plus socket buffers, not 400 MB.
            Assert.True(run.RequestsDuringFault > 0);
            Assert.True(run.BytesSentDuringFault / run.RequestsDuringFault < 16L * 1024 * 1024, $"{run.BytesSentDuringFault} bytes sent over {run.RequestsDuringFault} requests");
        }
    }

    [Fact]
    public async Task HugeImage_IsNeitherCachedNorServed_AndTheImageReturnsOnRecovery()
    {
        await using var site = await FaultSite.StartAsync(fixture.Host, RefreshInterval);
        var before = await site.Client.GetByteArrayAsync($"/_badge/{site.BadgeId}.svg", TestContext.Current.CancellationToken);
        var catalog = (BadgeFooterCatalog)site.Monitor;
        catalog.Set(site.BadgeId, new FooterEntry(site.BadgeId, site.BadgeId, catalog.Peek(site.BadgeId)!.Version, catalog.Peek(site.BadgeId)!.Fragment, null));

        site.Authority.OnlyPathsContaining = ".svg";
        site.Authority.Mode = FaultMode.HugeBody;
        await Task.Delay(RefreshInterval * 2, TestContext.Current.CancellationToken);
        var status = site.Monitor.GetStatus(site.BadgeId);
        var during = await site.Client.GetAsync($"/_badge/{site.BadgeId}.svg", TestContext.Current.CancellationToken);
        site.Authority.Mode = FaultMode.None;
        var after = await WaitForImageAsync(site);

        Assert.Equal(HttpStatusCode.NotFound, during.StatusCode);
        Assert.Equal(BadgeFooterState.Failing, status.State);
        Assert.Equal(Badge.Sdk.Issuance.AuthorityErrorCodes.ResponseTooLarge, status.ProblemCode);
        Assert.True(status.IsShown);
        Assert.Equal(before, after);
        Assert.True(site.Authority.BytesSent < 64L * 1024 * 1024, $"{site.Authority.BytesSent} bytes sent");
        Assert.False(site.Stopped);
    }

    private static async Task<byte[]?> WaitForImageAsync(FaultSite site)
    {
        for (var i = 0; i < 100; i++)
        {
            using var response = await site.Client.GetAsync($"/_badge/{site.BadgeId}.svg", TestContext.Current.CancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return null;
    }
}

/// <summary>The same protocol with JSON answers that lack one required field each.</summary>
public sealed class AuthorityMissingFieldFaultTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    // The required properties of the badge record and of the certificate, and the certificate page the footer links to.
    public static TheoryData<string> Fields() =>
    [
        "id", "badgeId", "kind", "status", "version", "uscc", "organizerName", "onlineName", "institutionKind", "issuingOffice",
        "issuedAt", "updatedAt", "certificateUrl",
    ];

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task MissingField_SiteKeepsServingTheLastGoodFooter_AndShowsTheAuthoritysTruthOnRecovery(string field)
    {
        await using var site = await FaultSite.StartAsync(fixture.Host, RefreshInterval, promptFaults: true);

        var run = await FaultRun.RunAsync(site, fixture.Host, () =>
        {
            site.Authority.MissingField = field;
            site.Authority.Mode = FaultMode.MissingField;
        });

        run.AssertSiteHeldUp(site);
        // Without a certificate link the unchanged badge keeps its rendered footer: nothing to fail on.
        var expectFailure = field != "certificateUrl";
        run.AssertFailureLoggedOnceWithoutStackTrace(expectFailure);
        Assert.Equal(expectFailure ? BadgeFooterState.Failing : BadgeFooterState.Current, run.StatusAtFaultEnd.State);
        Assert.True(run.StatusAtFaultEnd.IsShown);
        if (expectFailure)
        {
            Assert.Equal(Badge.Sdk.Issuance.AuthorityErrorCodes.InvalidResponse, run.StatusAtFaultEnd.ProblemCode);
        }
    }
}

/// <summary>
/// One fault case: a window of two refresh intervals under the fault with the page requested throughout, then the
/// badge revoked at the real authority and the fault lifted at the same moment.
/// </summary>
internal sealed class FaultRun
{
    private const string Refresher = "Badge.Sdk.AspNetCore.Footer.BadgeFooterRefresher";

    public List<(HttpStatusCode Status, bool HasBadge, TimeSpan Elapsed)> Pages { get; } = [];

    public BadgeFooterStatus StatusAtFaultEnd { get; private set; } = null!;

    public long MemoryAtFaultEnd { get; private set; }

    public long BytesSentDuringFault { get; private set; }

    public long RequestsDuringFault { get; private set; }

    public TimeSpan? RevocationShownAfter { get; private set; }

    public IReadOnlyList<(string Category, LogLevel Level, EventId Event, string Message, Exception? Exception)> Logs { get; private set; } = [];

    public static async Task<FaultRun> RunAsync(FaultSite site, EmulatorHost emulator, Action fault)
    {
        var ct = TestContext.Current.CancellationToken;
        var run = new FaultRun();
        site.Authority.ResetCounters();
        fault();
        var window = site.RefreshInterval * 2.5;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < window)
        {
            var (status, body, elapsed) = await site.GetPageAsync(ct);
            run.Pages.Add((status, body.Contains(site.BadgeId, StringComparison.Ordinal), elapsed));
            await Task.Delay(10, ct);
        }

        run.StatusAtFaultEnd = site.Monitor.GetStatus(site.BadgeId);
        run.MemoryAtFaultEnd = GC.GetTotalMemory(forceFullCollection: true);
        run.BytesSentDuringFault = site.Authority.BytesSent;
        run.RequestsDuringFault = site.Authority.Requests;

        await emulator.Client(EmulatorHost.KeyA).RevokeBadgeAsync(site.BadgeId, "网站已关停", ct);
        site.Authority.Mode = FaultMode.None;
        run.RevocationShownAfter = await site.WaitUntilAsync(body => !body.Contains("data-online-badge", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
        run.Logs = site.Logs.Snapshot();
        return run;
    }

    public void AssertSiteHeldUp(FaultSite site)
    {
        var latencies = Pages.Select(p => p.Elapsed).Order().ToList();
        Assert.NotEmpty(Pages);
        Assert.All(Pages, p => Assert.Equal(HttpStatusCode.OK, p.Status));
        Assert.All(Pages, p => Assert.True(p.HasBadge, "every page during the fault carries the last good footer"));
        // The budget is 50 ms; the bounds are generous for a shared 2-core machine, and far below a wait on the authority.
        Assert.True(latencies[latencies.Count / 2] < TimeSpan.FromMilliseconds(50), $"median page time {latencies[latencies.Count / 2].TotalMilliseconds} ms");
        Assert.True(latencies[^1] < TimeSpan.FromSeconds(1), $"slowest page time {latencies[^1].TotalMilliseconds} ms");
        Assert.False(site.Stopped, "the host never stops");
        Assert.False(site.RefresherLoop!.IsCompleted, "the refresher keeps running");
        Assert.NotNull(RevocationShownAfter);
        Assert.True(RevocationShownAfter <= site.RefreshInterval * 2, $"the revocation reached the pages {RevocationShownAfter} after the authority recovered");
        Assert.Equal(BadgeFooterState.Revoked, site.Monitor.GetStatus(site.BadgeId).State);
        Assert.Contains(Logs, l => l.Category == Refresher && l.Event.Id == 5 && l.Message.Contains(site.BadgeId, StringComparison.Ordinal));
    }

    public void AssertFailureLoggedOnceWithoutStackTrace(bool expectFailure)
    {
        // Warnings and errors carry no exception (no stack trace) for these expected faults, Polly's included.
        Assert.DoesNotContain(Logs, l => l.Level >= LogLevel.Warning && l.Exception is not null);
        Assert.DoesNotContain(Logs, l => l.Level >= LogLevel.Error);
        Assert.Equal(expectFailure ? 1 : 0, Logs.Count(l => l.Category == Refresher && l.Event.Id == 4 && l.Level == LogLevel.Warning));
        Assert.Equal(expectFailure ? 1 : 0, Logs.Count(l => l.Category == Refresher && l.Event.Id == 10 && l.Level == LogLevel.Warning));
        Assert.DoesNotContain(Logs, l => l.Message.Contains("without the badge until", StringComparison.Ordinal));
    }
}
