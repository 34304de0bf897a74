using System.Text;
using System.Text.Json;
using Badge.Authority;
using Badge.Sdk;
using Badge.Sdk.AspNetCore;
using Badge.Sdk.AspNetCore.Footer;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration.Memory;
using Badge.Sdk.Certificates;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Badge.GovSite;

/// <summary>The government site, and the in-process authority emulator when none is configured.</summary>
public sealed class GovSiteApp : IAsyncDisposable
{
    /// <summary>Where the site listens unless <c>--urls</c> says otherwise.</summary>
    public const string DefaultUrl = "http://localhost:5080";

    private readonly SampleAuthority _authority;

    private GovSiteApp(WebApplication site, SampleAuthority authority, string badgeId)
    {
        Site = site;
        _authority = authority;
        BadgeId = badgeId;
    }

    /// <summary>The site.</summary>
    public WebApplication Site { get; }

    /// <summary>The in-process emulator, when the site started one.</summary>
    public WebApplication? Authority => _authority.Embedded;

    /// <summary>The authority's address.</summary>
    public Uri AuthorityAddress => _authority.Address;

    /// <summary>A line about the choice of authority (an emulator already running on its port), or <see langword="null"/>.</summary>
    public string? AuthorityNotice => _authority.Notice;

    /// <summary>The site's badge.</summary>
    public string BadgeId { get; }

    /// <summary>The site's address.</summary>
    public Uri SiteAddress => new(Site.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("127.0.0.1", "localhost", StringComparison.Ordinal));

    /// <summary>Starts the site (and the emulator when <c>Badge:Authority</c> is not set).</summary>
    /// <param name="args">
    /// Command-line arguments: <c>--urls</c>, <c>--Badge:Authority</c>, <c>--Badge:ApiKey</c>, <c>--Badge:BadgeId</c>,
    /// <c>--Badge:DataDirectory</c>, <c>--Badge:Footer:{option}</c> (every <c>BadgeFooterOptions</c> property, e.g.
    /// <c>--Badge:Footer:RefreshInterval=00:00:02</c>) and <c>--Badge:Client:{option}</c> (every
    /// <c>BadgeAuthorityClientOptions</c> property but the address, e.g. <c>--Badge:Client:AttemptTimeout=00:00:03</c>),
    /// <c>--Badge:Telemetry:Console=true</c> (print traces and metrics with the OpenTelemetry console exporter;
    /// <c>--Badge:Telemetry:MetricsIntervalSeconds</c>, default 10).
    /// </param>
    /// <returns>The started site.</returns>
    public static async Task<GovSiteApp> StartAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder().AddCommandLine(args).AddEnvironmentVariables().Build();
        var authority = await SampleAuthority.StartAsync(configuration);
        var authorityAddress = authority.Address;
        var dataDirectory = authority.DataDirectory;
        var apiKey = configuration["Badge:ApiKey"] ?? (authority.IsEmulator ? "demo-institution-a" : null);
        if (string.IsNullOrEmpty(configuration["Badge:BadgeId"]) && apiKey is null)
        {
            await authority.DisposeAsync();
            throw new SampleStartupException(
                "--Badge:BadgeId is missing: with --Badge:Authority the site must be told which badge to show.",
                "Pass --Badge:BadgeId=<id> (issue one with `badge issue`), or --Badge:ApiKey=<institution key> to issue a demo badge.");
        }

        string badgeId;
        try
        {
            badgeId = configuration["Badge:BadgeId"] is { Length: > 0 } configuredId ? configuredId : await DemoBadgeAsync(authorityAddress, apiKey, dataDirectory, configuration["Badge:DemoDomain"] ?? "localhost");
        }
        catch (BadgeAuthorityException ex)
        {
            await authority.DisposeAsync();
            throw new SampleStartupException(
                $"Could not issue the demo badge at {authorityAddress}: {ex.Message}",
                ex.Code == "transport_error" ? "Is the authority running? Check --Badge:Authority." : "Check --Badge:ApiKey, or pass --Badge:BadgeId=<id>.",
                ex);
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(GovSiteApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // Quiet defaults a site owner would choose (no per-request Information lines); any Logging:LogLevel:… given
        // on the command line, in the environment or in appsettings overrides them.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
                ["Logging:LogLevel:Polly"] = "Warning",
            },
        });

        SampleStartupException.QuietStartupFailures(builder);

        // Badge:Client:* tunes the authority client (AttemptTimeout, TotalTimeout, MaxResponseBytes, …) and
        // Badge:Footer:* every footer option (RefreshInterval, RetryInterval, RefreshTimeout, Placement, …).
        builder.Services.AddBadgeAuthorityClient(o =>
        {
            builder.Configuration.GetSection("Badge:Client").Bind(o);
            o.BaseAddress = authorityAddress;
        });

        // The two lines a government site adds: this one…
        builder.Services.AddBadgeFooter(o =>
        {
            builder.Configuration.GetSection("Badge:Footer").Bind(o);
            o.BadgeId ??= badgeId;
        });
        builder.Services.AddRazorPages();
        AddConsoleTelemetry(builder);

        var app = builder.Build();
        // …and this one.
        app.UseBadgeFooter();
        app.UseStaticFiles();
        SitePages.Map(app);
        app.MapRazorPages();
        try
        {
            await SampleStartupException.StartAsync(app, builder.Configuration["urls"] ?? DefaultUrl, "the government site", "--urls=http://localhost:<another port>");
        }
        catch (SampleStartupException)
        {
            await authority.DisposeAsync();
            throw;
        }

        await ValidateDemoDomainAsync(authorityAddress, apiKey, badgeId);
        return new GovSiteApp(app, authority, badgeId);
    }

    /// <summary>
    /// What is true about the badge on the pages, for the start-up banner: waits up to <paramref name="wait"/> for the
    /// first read from the authority, then says whether pages carry the badge and, if not, why.
    /// </summary>
    /// <param name="wait">How long to wait for the first read.</param>
    /// <returns>One line.</returns>
    public async Task<string> DescribeBadgeAsync(TimeSpan wait)
    {
        var monitor = Site.Services.GetRequiredService<IBadgeFooterMonitor>();
        var deadline = DateTime.UtcNow + wait;
        var status = monitor.GetStatus(BadgeId);
        while (status.State == BadgeFooterState.Pending && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            status = monitor.GetStatus(BadgeId);
        }

        return status switch
        {
            { State: BadgeFooterState.Current } => $"badge {status.ShownBadgeId} is at the bottom of every page",
            { State: BadgeFooterState.Failing, IsShown: true } =>
                $"the authority cannot be read now ({status.Problem?.TrimEnd('.')}); pages keep the last good badge {status.ShownBadgeId} and it is retried",
            { State: BadgeFooterState.Failing } =>
                $"NO BADGE on the pages: the authority at {AuthorityAddress} cannot be read ({status.Problem?.TrimEnd('.')}). It is retried; check that the authority runs.",
            { State: BadgeFooterState.Rejected, ProblemCode: AuthorityErrorCodes.UnknownBadge } =>
                $"NO BADGE on the pages: badge {BadgeId} is unknown to the authority at {AuthorityAddress}. Check --Badge:BadgeId (or leave it out to use the demo badge).",
            { State: BadgeFooterState.Rejected } => $"NO BADGE on the pages: {status.Problem}",
            { State: BadgeFooterState.Revoked } => $"NO BADGE on the pages: badge {BadgeId} is revoked at the authority.",
            _ => $"badge {BadgeId} has not been read from the authority yet; pages go out without it until it is",
        };
    }

    // Badge:Telemetry:Console=true: the SDK's spans and metrics (with ASP.NET Core's and HttpClient's spans around and
    // under them) printed by the OpenTelemetry SDK's console exporter. The libraries only emit them; exporting is the
    // host's choice, as here. Metrics are printed every Badge:Telemetry:MetricsIntervalSeconds (default 10).
    private static void AddConsoleTelemetry(WebApplicationBuilder builder)
    {
        if (!bool.TryParse(builder.Configuration["Badge:Telemetry:Console"], out var console) || !console)
        {
            return;
        }

        var interval = int.TryParse(builder.Configuration["Badge:Telemetry:MetricsIntervalSeconds"], System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? seconds
            : 10;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("Badge.GovSite"))
            .WithTracing(tracing => tracing
                .AddSource("Badge.Sdk", "Badge.Sdk.AspNetCore", "Microsoft.AspNetCore", "System.Net.Http")
                .AddConsoleExporter())
            .WithMetrics(metrics => metrics
                .AddMeter("Badge.Sdk", "Badge.Sdk.AspNetCore")
                .AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = interval * 1000));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Site.DisposeAsync();
        await _authority.DisposeAsync();
    }

    // Issues the demo badge on first run (for the domain "localhost", which covers http://localhost:5080, or
    // Badge:DemoDomain) and remembers its id next to the emulator's database. The emulator's domain registry gives
    // demo institution A "localhost", so that badge is active at once; another domain stays pending until the site
    // shows control of it (see ValidateDemoDomainAsync).
    private static async Task<string> DemoBadgeAsync(Uri authority, string? apiKey, string dataDirectory, string domain)
    {
        var remembered = Path.Combine(dataDirectory, $"govsite-badge-{authority.Port}.json");
        await using var provider = SampleAuthority.CreateClient(authority, apiKey, out var client);
        foreach (var file in Directory.GetFiles(dataDirectory, "govsite-badge-*.json"))
        {
            var id = JsonSerializer.Deserialize<string>(await File.ReadAllTextAsync(file));
            if (id is not null && await TryGetAsync(client, id) is { Status: BadgeStatus.Active or BadgeStatus.Pending } badge
                && badge.Domain == SiteDomain.Parse(domain))
            {
                return id;
            }
        }

        // No organizer name: the authority fills in the institution's registered name.
        var issued = await client.IssueBadgeAsync(new IssueBadgeRequest
        {
            Kind = BadgeKind.Website,
            Uscc = "11360922MB0001230X",
            OnlineName = "万载县人民政府网（演示）",
            Domain = SiteDomain.Parse(domain).Ascii,
        });
        await File.WriteAllTextAsync(remembered, JsonSerializer.Serialize(issued.Id));
        return issued.Id;
    }

    // A pending badge is validated through the footer middleware, which now serves its token at
    // /.well-known/online-badge/{token}: ask the authority to fetch it now rather than wait for its next round.
    private static async Task ValidateDemoDomainAsync(Uri authority, string? apiKey, string badgeId)
    {
        await using var provider = SampleAuthority.CreateClient(authority, apiKey, out var client);
        if (apiKey is null || await TryGetAsync(client, badgeId) is not { Status: BadgeStatus.Pending } badge)
        {
            return;
        }

        try
        {
            await client.ValidateDomainAsync(badge.Id);
        }
        catch (BadgeAuthorityException ex)
        {
            Console.Error.WriteLine($"Badge {badge.Id} for {badge.Domain} is pending: {ex.Message}");
        }
    }

    private static async Task<BadgeRecord?> TryGetAsync(IBadgeAuthorityClient client, string id)
    {
        try
        {
            return await client.GetBadgeAsync(id);
        }
        catch (BadgeAuthorityException)
        {
            return null;
        }
    }
}
