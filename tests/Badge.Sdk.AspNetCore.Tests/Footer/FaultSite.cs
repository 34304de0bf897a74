using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Badge.Sdk.AspNetCore.Footer;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Badge.Sdk.AspNetCore.Tests.Footer;

/// <summary>
/// A real site (Kestrel on 127.0.0.1, <c>AddBadgeAuthorityClient</c> + <c>UseBadgeFooter</c>) whose authority is a
/// <see cref="FaultyAuthority"/> in front of the emulator, with the badge issued for it and its logs captured.
/// </summary>
internal sealed class FaultSite : IAsyncDisposable
{
    public const string Page = "<!doctype html><html><head><title>x</title></head><body><p>政务公开</p></body></html>";

    private FaultSite(WebApplication app, FaultyAuthority authority, string badgeId, LogSink logs, TimeSpan refreshInterval)
    {
        App = app;
        Authority = authority;
        BadgeId = badgeId;
        Logs = logs;
        RefreshInterval = refreshInterval;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient(new SocketsHttpHandler { UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
        app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => Stopped = true);
    }

    public WebApplication App { get; }

    public FaultyAuthority Authority { get; }

    public string BadgeId { get; }

    public LogSink Logs { get; }

    public TimeSpan RefreshInterval { get; }

    public HttpClient Client { get; }

    public bool Stopped { get; private set; }

    public IBadgeFooterMonitor Monitor => App.Services.GetRequiredService<IBadgeFooterMonitor>();

    // The refresher's loop: it must never end while the site runs.
    public Task? RefresherLoop => App.Services.GetServices<IHostedService>().OfType<BackgroundService>().Single(s => s is BadgeFooterRefresher).ExecuteTask;

    /// <param name="emulator">The real authority behind the faulty proxy.</param>
    /// <param name="refreshInterval">How often the footer refreshes; the fault windows are measured in it.</param>
    /// <param name="promptFaults">
    /// True for faults that answer at once (a malformed body): the client's and the refresh's deadlines are then long,
    /// so a loaded machine cannot turn a slow but well-formed answer into a transport error that hides the fault.
    /// False (stalls, trickles, resets) keeps the deadlines inside one refresh interval, which those faults need.
    /// </param>
    public static async Task<FaultSite> StartAsync(EmulatorHost emulator, TimeSpan refreshInterval, bool promptFaults = false)
    {
        var issued = await emulator.Client(EmulatorHost.KeyA).IssueBadgeAsync(IssueBadgeRequest.ForWebsite(
            EmulatorHost.InstitutionA, OrganizerName.Parse("万载县人民政府办公室"), OnlineName.Parse("万载县人民政府网"),
            SiteDomain.Parse(EmulatorHost.UniqueDomain("fault"))), TestContext.Current.CancellationToken);
        var authority = FaultyAuthority.Start(emulator.Address);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var logs = new LogSink();
        // Per-request hosting events would fill the sink under load; warnings from every category are kept.
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Information).AddFilter("Microsoft", LogLevel.Warning).AddProvider(logs);
        builder.Services.AddBadgeAuthorityClient(o =>
        {
            o.BaseAddress = authority.Address;
            // Short enough that a stalled or trickled answer is abandoned well inside one refresh interval.
            o.AttemptTimeout = promptFaults ? TimeSpan.FromSeconds(20) : refreshInterval * 0.4;
            o.TotalTimeout = promptFaults ? TimeSpan.FromSeconds(20) : refreshInterval * 0.5;
            // Re-read the certificate on every refresh, so faults in its answer are met too.
            o.CertificateCacheDuration = TimeSpan.FromMilliseconds(50);
        });
        builder.Services.AddBadgeFooter(o =>
        {
            o.BadgeId = issued.Id;
            o.RefreshInterval = refreshInterval;
            o.RetryInterval = refreshInterval / 4;
            o.RefreshTimeout = promptFaults ? TimeSpan.FromSeconds(30) : refreshInterval * 0.6;
        });
        var app = builder.Build();
        app.UseBadgeFooter();
        app.MapGet("/", () => Results.Content(Page, "text/html; charset=utf-8"));
        await app.StartAsync(TestContext.Current.CancellationToken);
        var site = new FaultSite(app, authority, issued.Id, logs, refreshInterval);
        await site.WaitUntilAsync(body => body.Contains(issued.Id, StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        return site;
    }

    /// <summary>Requests the page; the status, the body and how long it took.</summary>
    public async Task<(HttpStatusCode Status, string Body, TimeSpan Elapsed)> GetPageAsync(CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        using var response = await Client.GetAsync("/", cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return (response.StatusCode, body, watch.Elapsed);
    }

    /// <summary>Polls the page until the condition holds; how long that took, or null when it never did.</summary>
    public async Task<TimeSpan?> WaitUntilAsync(Func<string, bool> condition, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit)
        {
            var (status, body, _) = await GetPageAsync(TestContext.Current.CancellationToken);
            if (status == HttpStatusCode.OK && condition(body))
            {
                return watch.Elapsed;
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        await Authority.DisposeAsync();
    }
}

/// <summary>Captures log entries in memory.</summary>
internal sealed class LogSink : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, EventId Event, string Message, Exception? Exception)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    public IReadOnlyList<(string Category, LogLevel Level, EventId Event, string Message, Exception? Exception)> Snapshot() => [.. Entries];

    private sealed class Logger(LogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Entries.Enqueue((category, logLevel, eventId, formatter(state, exception), exception));
    }
}
