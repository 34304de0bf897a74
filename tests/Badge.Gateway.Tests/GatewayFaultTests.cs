using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Badge.Gateway.Tests;

/// <summary>Upstreams that are down, silent or resetting; WebSockets; start-up with an incomplete configuration.</summary>
public sealed class GatewayFaultTests
{
    // Nothing listens there: the gateway must still start and serve (failures stay where they happen).
    private const string NoAuthority = "--Badge:Authority=http://127.0.0.1:9";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UpstreamDown_Answers502WithTheGatewaysOwnPage_AndHealthSaysUnhealthy()
    {
        var port = SystemServer.FreePort();
        var errors = new ConcurrentQueue<string?>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Badge.Gateway" && instrument.Name == "badge.gateway.proxy_errors")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "error.type")
                {
                    errors.Enqueue(tag.Value as string);
                }
            }
        });
        listener.Start();
        await using var gateway = await GatewayHost.StartAsync($"--Gateway:Upstream=http://127.0.0.1:{port}", NoAuthority, "--Badge:BadgeId=bdg-none");
        using var http = new HttpClient { BaseAddress = gateway.Address };

        using var response = await http.GetAsync("/news/1.html", Ct);
        var page = await response.Content.ReadAsStringAsync(Ct);
        using var health = await http.GetAsync("/_gateway/health", Ct);
        using var report = JsonDocument.Parse(await health.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>502 Bad Gateway</h1>", page, StringComparison.Ordinal);
        Assert.DoesNotContain(port.ToString(System.Globalization.CultureInfo.InvariantCulture), page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("Unhealthy", report.RootElement.GetProperty("status").GetString());
        Assert.Equal("Degraded", report.RootElement.GetProperty("checks").GetProperty("badges").GetProperty("status").GetString());
        // The failed proxy is counted under the documented name, with YARP's error kind as error.type.
        Assert.Contains("Request", errors);
    }

    [Fact]
    public async Task SilentUpstream_Answers504WhenTheTimeoutRunsOut()
    {
        await using var silent = BrokenUpstream.Silent();
        await using var gateway = await GatewayHost.StartAsync($"--Gateway:Upstream={silent.Address}", "--Gateway:Timeout=00:00:01", NoAuthority, "--Badge:BadgeId=bdg-none");
        using var http = new HttpClient { BaseAddress = gateway.Address, Timeout = TimeSpan.FromSeconds(30) };

        using var response = await http.GetAsync("/", Ct);

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Contains("<h1>504 Gateway Timeout</h1>", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResettingUpstream_Answers502()
    {
        await using var resetting = BrokenUpstream.Resetting();
        await using var gateway = await GatewayHost.StartAsync($"--Gateway:Upstream={resetting.Address}", NoAuthority, "--Badge:BadgeId=bdg-none");
        using var http = new HttpClient { BaseAddress = gateway.Address, Timeout = TimeSpan.FromSeconds(30) };

        using var response = await http.GetAsync("/", Ct);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("<h1>502 Bad Gateway</h1>", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpstreamGoingDownAndUp_IsLoggedOncePerChange()
    {
        var port = SystemServer.FreePort();
        var logs = new LogSink();
        await using var gateway = await GatewayHost.StartAsync(b => b.Logging.AddProvider(logs), $"--Gateway:Upstream=http://127.0.0.1:{port}", NoAuthority, "--Badge:BadgeId=bdg-none", "--Logging:LogLevel:Badge.Gateway=Information");
        using var http = new HttpClient { BaseAddress = gateway.Address };

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.BadGateway, (await http.GetAsync("/", Ct)).StatusCode);
        }

        await Task.Delay(TimeSpan.FromSeconds(2.5), Ct); // two more background probes find it down as well
        List<string> down, up;
        await using (var upstream = await KestrelUpstream.StartAsync("恢复", $"http://127.0.0.1:{port}"))
        {
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/", Ct)).StatusCode);
            }

            await Task.Delay(TimeSpan.FromSeconds(1.5), Ct); // a background probe finds it up as well

            // Read while the upstream is still up: stopping it is a change of state of its own.
            down = logs.Messages(LogLevel.Warning, "is unreachable");
            up = logs.Messages(LogLevel.Information, "answers again");
        }

        Assert.Single(down);
        Assert.Contains($"127.0.0.1:{port}", down[0], StringComparison.Ordinal);
        Assert.Single(up);
    }

    [Fact]
    public async Task WebSocket_PassesThrough()
    {
        await using var upstream = await KestrelUpstream.StartAsync("WebSocket");
        await using var gateway = await GatewayHost.StartAsync($"--Gateway:Upstream={upstream.Address}", NoAuthority, "--Badge:BadgeId=bdg-none");
        using var socket = new ClientWebSocket();

        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{gateway.Address.Port}/ws"), Ct);
        await socket.SendAsync(Encoding.UTF8.GetBytes("你好，网关"), WebSocketMessageType.Text, endOfMessage: true, Ct);
        var buffer = new byte[1024];
        var received = await socket.ReceiveAsync(buffer, Ct);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", Ct);

        Assert.Equal("你好，网关", Encoding.UTF8.GetString(buffer, 0, received.Count));
        Assert.Equal(WebSocketState.Closed, socket.State);
    }

    [Theory]
    [InlineData("Gateway:Upstream", "--Badge:Authority=http://127.0.0.1:5280", "--Badge:BadgeId=bdg-1")]
    [InlineData("Badge:Authority", "--Gateway:Upstream=http://127.0.0.1:8080", "--Badge:BadgeId=bdg-1")]
    [InlineData("Badge:BadgeId", "--Gateway:Upstream=http://127.0.0.1:8080", "--Badge:Authority=http://127.0.0.1:5280")]
    [InlineData("Gateway:Upstream must be an absolute", "--Gateway:Upstream=127.0.0.1:8080", "--Badge:Authority=http://127.0.0.1:5280", "--Badge:BadgeId=bdg-1")]
    [InlineData("Gateway:Timeout", "--Gateway:Upstream=http://127.0.0.1:8080", "--Gateway:Timeout=soon", "--Badge:Authority=http://127.0.0.1:5280", "--Badge:BadgeId=bdg-1")]
    [InlineData("Gateway:Timeout must be positive", "--Gateway:Upstream=http://127.0.0.1:8080", "--Gateway:Timeout=-00:00:01", "--Badge:Authority=http://127.0.0.1:5280", "--Badge:BadgeId=bdg-1")]
    [InlineData("Gateway:ProbeInterval must be positive", "--Gateway:Upstream=http://127.0.0.1:8080", "--Gateway:ProbeInterval=00:00:00", "--Badge:Authority=http://127.0.0.1:5280", "--Badge:BadgeId=bdg-1")]
    [InlineData("Gateway:HealthPath must be a path", "--Gateway:Upstream=http://127.0.0.1:8080", "--Gateway:HealthPath=health", "--Badge:Authority=http://127.0.0.1:5280", "--Badge:BadgeId=bdg-1")]
    public async Task IncompleteConfiguration_RefusesToStart_WithOneLineNamingTheKey(string key, params string[] args)
    {
        // The tool itself, as a user runs it.
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "Badge.Gateway"))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var arg in args.Append("--urls=http://127.0.0.1:0"))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }

        var error = (await stderr).TrimEnd('\n');
        Assert.Equal(2, process.ExitCode);
        Assert.StartsWith("badge-gateway: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
        Assert.Contains(key, error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.Empty(await stdout); // nothing started, so nothing logged: no stack trace anywhere
    }

    internal sealed class LogSink : ILoggerProvider
    {
        private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message)> _entries = new();

        public List<string> Messages(LogLevel level, string containing) =>
            [.. _entries.Where(e => e.Level == level && e.Category.StartsWith("Badge.Gateway", StringComparison.Ordinal) && e.Message.Contains(containing, StringComparison.Ordinal)).Select(e => e.Message)];

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(LogSink sink, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink._entries.Enqueue((category, logLevel, formatter(state, exception)));
        }
    }
}
