using Badge.Sdk.AspNetCore.Footer;
using Badge.Sdk.Issuance;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Forwarder;

namespace Badge.Gateway.Tests;

/// <summary>
/// The monitor's record of an upstream: each observation (a background probe or a proxied request) counts only if
/// nothing newer is recorded, so a slow probe cannot undo what a request found meanwhile, and each change is logged once.
/// </summary>
public sealed class GatewayMonitorTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero));
    private readonly GatewayFaultTests.LogSink _logs = new();
    private readonly ILoggerFactory _factory;
    private readonly GatewayMonitor _monitor;

    public GatewayMonitorTests()
    {
        var footer = Microsoft.Extensions.Options.Options.Create(new BadgeFooterOptions());
        _factory = LoggerFactory.Create(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Information));
        _monitor = new GatewayMonitor(
            Substitute.For<IProxyStateLookup>(), Substitute.For<IBadgeAuthorityClient>(), footer, new GatewayOptions(), _factory.CreateLogger<GatewayMonitor>(), _time);
    }

    public void Dispose()
    {
        _monitor.Dispose();
        _factory.Dispose();
        _logs.Dispose();
    }

    [Fact]
    public void AProbeStartedBeforeARequestFoundTheUpstreamUp_DoesNotMarkItDownAgain()
    {
        var probeStarted = _time.GetUtcNow();
        _monitor.SetUpstream("site", "d1", "http://127.0.0.1:8080", "a TCP connection failed", probeStarted); // the upstream is down
        _time.Advance(TimeSpan.FromSeconds(1));
        var slowProbeStarted = _time.GetUtcNow(); // connect refused now, its continuation runs late
        _time.Advance(TimeSpan.FromSeconds(1));
        _monitor.Forwarded("site", "d1", "http://127.0.0.1:8080", ForwarderError.None, exception: null); // the upstream came back
        _monitor.SetUpstream("site", "d1", "http://127.0.0.1:8080", "a TCP connection failed", slowProbeStarted);

        var state = Assert.Single(_monitor.Upstreams);
        Assert.Null(state.Problem);
        Assert.Single(_logs.Messages(LogLevel.Warning, "is unreachable"));
        Assert.Single(_logs.Messages(LogLevel.Information, "answers again"));
    }

    [Fact]
    public void ANewerObservation_IsRecordedAndEachChangeLoggedOnce()
    {
        _monitor.Forwarded("site", "d1", "http://127.0.0.1:8080", ForwarderError.None, exception: null);
        _time.Advance(TimeSpan.FromSeconds(1));
        _monitor.Forwarded("site", "d1", "http://127.0.0.1:8080", ForwarderError.Request, new HttpRequestException("refused"));
        _time.Advance(TimeSpan.FromSeconds(1));
        _monitor.SetUpstream("site", "d1", "http://127.0.0.1:8080", "a TCP connection failed", _time.GetUtcNow());
        _time.Advance(TimeSpan.FromSeconds(1));
        _monitor.Forwarded("site", "d1", "http://127.0.0.1:8080", ForwarderError.None, exception: null);

        Assert.Null(Assert.Single(_monitor.Upstreams).Problem);
        Assert.Single(_logs.Messages(LogLevel.Warning, "is unreachable"));
        Assert.Single(_logs.Messages(LogLevel.Information, "answers again"));
    }
}
