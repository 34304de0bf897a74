using System.Net.Http;
using Badge.Sdk.AspNetCore.Footer;
using Badge.Sdk.Certificates;
using Badge.Sdk.Issuance;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NSubstitute;

namespace Badge.Sdk.AspNetCore.Tests.Footer;

/// <summary>The refresher's containment, scheduling and logging, with a stand-in authority.</summary>
public sealed class BadgeFooterRefresherTests
{
    private const string Page = "<!doctype html><html><body><p>x</p></body></html>";
    private const string Refresher = "Badge.Sdk.AspNetCore.Footer.BadgeFooterRefresher";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(FooterHost Host, LogSink Logs)> StartAsync(IBadgeAuthorityClient authority, Action<BadgeFooterOptions> options)
    {
        var logs = new LogSink();
        var host = await FooterHost.StartAsync(
            Server.TestServer, app => app.MapGet("/", () => Results.Content(Page, "text/html")), authority,
            o =>
            {
                o.RefreshInterval = TimeSpan.FromMilliseconds(200);
                o.RetryInterval = TimeSpan.FromMilliseconds(50);
                o.RefreshTimeout = TimeSpan.FromSeconds(1);
                options(o);
            },
            services: s => s.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug)),
            waitForBadges: false);
        return (host, logs);
    }

    private static bool Stopped(FooterHost host) => host.App.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested;

    private static Task? Loop(FooterHost host) => host.App.Services.GetServices<IHostedService>().OfType<BadgeFooterRefresher>().Single().ExecuteTask;

    private static async Task WaitForAsync(Func<bool> condition, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, Ct);
        }
    }

    [Fact]
    public async Task SlowBadge_NeverDelaysAnother()
    {
        var fast = FooterHost.Certificate("bdg-fast");
        var authority = FooterHost.Authority(fast);
        var hung = new TaskCompletionSource<BadgeRecord>();
        authority.ResolveCurrentBadgeAsync("bdg-slow", Arg.Any<CancellationToken>()).Returns(hung.Task);
        var (host, _) = await StartAsync(authority, o =>
        {
            o.BadgeId = null;
            o.Hosts["slow.test"] = "bdg-slow";
            o.Hosts["fast.test"] = "bdg-fast";
            o.RefreshTimeout = TimeSpan.FromSeconds(30);
        });
        await using (host)
        {
            await Task.Delay(TimeSpan.FromSeconds(1.5), Ct);
            var fastReads = authority.ReceivedCalls().Count(c => c.GetMethodInfo().Name == nameof(IBadgeAuthorityClient.ResolveCurrentBadgeAsync) && (string)c.GetArguments()[0]! == "bdg-fast");

            // Refreshed every 200 ms while the other badge's read never ends.
            Assert.True(fastReads >= 4, $"the fast badge was read {fastReads} times");
            Assert.Equal(BadgeFooterState.Current, host.App.Services.GetRequiredService<IBadgeFooterMonitor>().GetStatus("bdg-fast").State);
            Assert.False(hung.Task.IsCompleted);
        }
    }

    [Fact]
    public async Task ReadThatIgnoresItsToken_IsAbandonedAtRefreshTimeout()
    {
        var authority = Substitute.For<IBadgeAuthorityClient>();
        authority.ResolveCurrentBadgeAsync("bdg-1", Arg.Any<CancellationToken>()).Returns(new TaskCompletionSource<BadgeRecord>().Task);
        var (host, logs) = await StartAsync(authority, o => o.RefreshTimeout = TimeSpan.FromMilliseconds(200));
        await using (host)
        {
            await WaitForAsync(() => authority.ReceivedCalls().Count() >= 3);

            Assert.True(authority.ReceivedCalls().Count() >= 3, "a refresh past its deadline is abandoned and retried");
            var status = host.App.Services.GetRequiredService<IBadgeFooterMonitor>().GetStatus("bdg-1");
            Assert.Equal(BadgeFooterState.Failing, status.State);
            Assert.Contains("RefreshTimeout", status.Problem, StringComparison.Ordinal);
            Assert.False(Stopped(host));
        }
    }

    public static TheoryData<string> Exceptions() => ["io", "http", "invalid-operation", "null-reference", "argument", "json"];

    [Theory]
    [MemberData(nameof(Exceptions))]
    public async Task AnyExceptionFromTheAuthority_NeverStopsTheHost(string kind)
    {
        Exception exception = kind switch
        {
            "io" => new IOException("connection reset"),
            "http" => new HttpRequestException("refused"),
            "invalid-operation" => new InvalidOperationException("bug"),
            "null-reference" => new KeyNotFoundException("a bug in a custom client"),
            "argument" => new ArgumentException("bad"),
            _ => new System.Text.Json.JsonException("bad json"),
        };
        var certificate = FooterHost.Certificate();
        var authority = FooterHost.Authority(certificate);
        var calls = 0;
        authority.ResolveCurrentBadgeAsync("bdg-1", Arg.Any<CancellationToken>()).Returns(_ => Interlocked.Increment(ref calls) == 1 ? Task.FromException<BadgeRecord>(exception) : throw exception);
        var (host, logs) = await StartAsync(authority, _ => { });
        await using (host)
        {
            await WaitForAsync(() => Volatile.Read(ref calls) >= 4);

            Assert.True(Volatile.Read(ref calls) >= 4, "retried after the failure");
            Assert.False(Stopped(host));
            Assert.False(Loop(host)!.IsCompleted);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await host.Client.GetAsync("/", Ct)).StatusCode);
            Assert.Single(logs.Snapshot(), l => l.Category == Refresher && l.Event.Id == 4);
        }
    }

    [Fact]
    public async Task AuthorityDownFromTheStart_OneWarningThatSaysNoBadge_ThenOneWhenBack()
    {
        var certificate = FooterHost.Certificate();
        var authority = FooterHost.Authority(certificate);
        var down = true;
        var calls = 0;
        authority.ResolveCurrentBadgeAsync("bdg-1", Arg.Any<CancellationToken>()).Returns(_ =>
        {
            Interlocked.Increment(ref calls);
            return Volatile.Read(ref down)
                ? Task.FromException<BadgeRecord>(new BadgeAuthorityException("The authority at http://127.0.0.1:9/ could not be reached: Connection refused", null, AuthorityErrorCodes.TransportError, null, null, new HttpRequestException("Connection refused")))
                : Task.FromResult(Record(certificate));
        });
        var (host, logs) = await StartAsync(authority, _ => { });
        await using (host)
        {
            await WaitForAsync(() => Volatile.Read(ref calls) >= 5);
            Volatile.Write(ref down, false);
            await host.WaitForBadgesAsync();
            await Task.Delay(300, Ct);
            var entries = logs.Snapshot();

            var warning = Assert.Single(entries, l => l.Category == Refresher && l.Event.Id == 4);
            Assert.Equal(LogLevel.Warning, warning.Level);
            Assert.Null(warning.Exception);
            Assert.Contains("Pages go out without the badge until it can be read", warning.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(entries, l => l.Message.Contains("last good footer", StringComparison.OrdinalIgnoreCase));
            Assert.True(entries.Count(l => l.Category == Refresher && l.Event.Id == 11) >= 3, "repeats are Debug");
            var back = Assert.Single(entries, l => l.Category == Refresher && l.Event.Id == 10);
            Assert.Equal(LogLevel.Warning, back.Level);
            Assert.Equal(BadgeFooterState.Current, host.App.Services.GetRequiredService<IBadgeFooterMonitor>().GetStatus("bdg-1").State);
        }
    }

    [Fact]
    public async Task UnknownBadge_OneErrorWithTheFix_AndSlowBackoff()
    {
        var authority = Substitute.For<IBadgeAuthorityClient>();
        var calls = 0;
        authority.ResolveCurrentBadgeAsync("bdg-typo", Arg.Any<CancellationToken>()).Returns(_ =>
        {
            Interlocked.Increment(ref calls);
            return Task.FromException<BadgeRecord>(new BadgeAuthorityException("The authority refused GET api/v1/badges/bdg-typo with 404 [unknown_badge]: No badge has this id.", 404, AuthorityErrorCodes.UnknownBadge, null, null));
        });
        var (host, logs) = await StartAsync(authority, o => o.BadgeId = "bdg-typo");
        await using (host)
        {
            await Task.Delay(TimeSpan.FromSeconds(2), Ct);
            var entries = logs.Snapshot();

            // RetryInterval is 50 ms: that pace would be ~40 reads. From RefreshInterval (200 ms) doubling: 0, 0.2, 0.6, 1.4 s.
            Assert.InRange(Volatile.Read(ref calls), 2, 5);
            var error = Assert.Single(entries, l => l.Level >= LogLevel.Warning);
            Assert.Equal(LogLevel.Error, error.Level);
            Assert.Equal(12, error.Event.Id);
            Assert.Null(error.Exception);
            Assert.Contains("bdg-typo", error.Message, StringComparison.Ordinal);
            Assert.Contains("BadgeFooterOptions.BadgeId", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(entries, l => l.Message.Contains("last good footer", StringComparison.OrdinalIgnoreCase));
            var status = host.App.Services.GetRequiredService<IBadgeFooterMonitor>().GetStatus("bdg-typo");
            Assert.Equal(BadgeFooterState.Rejected, status.State);
            Assert.False(status.IsShown);
            Assert.Equal(AuthorityErrorCodes.UnknownBadge, status.ProblemCode);
        }
    }

    public static TheoryData<string> BadCertificateLinks() => ["", "javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "ftp://authority.test/c"];

    [Theory]
    [MemberData(nameof(BadCertificateLinks))]
    public async Task CertificateThatCannotBeRendered_IsASkippedBadge_OthersStillShow(string link)
    {
        var bad = FooterHost.Certificate("bdg-bad") with { CertificateUrl = link.Length == 0 ? null : new Uri(link) };
        var good = FooterHost.Certificate("bdg-good");
        var authority = FooterHost.Authority(bad, good);
        var (host, logs) = await StartAsync(authority, o =>
        {
            o.BadgeId = null;
            o.Hosts["bad.test"] = "bdg-bad";
            o.Hosts["good.test"] = "bdg-good";
        });
        await using (host)
        {
            var monitor = host.App.Services.GetRequiredService<IBadgeFooterMonitor>();
            await WaitForAsync(() => monitor.GetStatus("bdg-bad").State == BadgeFooterState.Rejected && monitor.GetStatus("bdg-good").State == BadgeFooterState.Current);
            await Task.Delay(500, Ct);

            Assert.Equal(BadgeFooterState.Rejected, monitor.GetStatus("bdg-bad").State);
            Assert.False(monitor.GetStatus("bdg-bad").IsShown);
            Assert.Equal(BadgeFooterState.Current, monitor.GetStatus("bdg-good").State);
            var error = Assert.Single(logs.Snapshot(), l => l.Category == Refresher && l.Event.Id == 13);
            Assert.Contains("bdg-bad", error.Message, StringComparison.Ordinal);
            Assert.False(Stopped(host));
        }
    }

    [Fact]
    public async Task ImageFailure_KeepsTheFooter_AndRetriesTheImage()
    {
        var certificate = FooterHost.Certificate();
        var authority = FooterHost.Authority(certificate);
        var imageCalls = 0;
        authority.GetBadgeImageAsync("bdg-1", Arg.Any<CancellationToken>()).Returns(_ => Interlocked.Increment(ref imageCalls) <= 2
            ? Task.FromException<byte[]>(new BadgeAuthorityException("too large", 200, AuthorityErrorCodes.ResponseTooLarge, null, null))
            : Task.FromResult("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray()));
        var (host, _) = await StartAsync(authority, _ => { });
        await using (host)
        {
            await WaitForAsync(() => Volatile.Read(ref imageCalls) >= 3);
            await Task.Delay(200, Ct);

            Assert.Contains("data-online-badge=\"bdg-1\"", await host.Client.GetStringAsync("/", Ct), StringComparison.Ordinal);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await host.Client.GetAsync("/_badge/bdg-1.svg", Ct)).StatusCode);
            Assert.Equal(BadgeFooterState.Current, host.App.Services.GetRequiredService<IBadgeFooterMonitor>().GetStatus("bdg-1").State);
        }
    }

    private static BadgeRecord Record(BadgeCertificate c) => new()
    {
        Id = c.BadgeId,
        Kind = c.Kind,
        Status = c.Status,
        Version = c.Version,
        Uscc = c.Uscc,
        OrganizerName = c.OrganizerName,
        OnlineName = c.OnlineName,
        Domain = c.Domain,
        IssuedAt = c.IssuedAt,
        UpdatedAt = c.UpdatedAt,
    };
}
