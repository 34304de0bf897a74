using System.Text;
using System.Text.Json;
using Badge.Authority;
using Badge.Sdk;
using Badge.Sdk.AspNetCore;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

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

    /// <summary>The site's badge.</summary>
    public string BadgeId { get; }

    /// <summary>The site's address.</summary>
    public Uri SiteAddress => new(Site.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("127.0.0.1", "localhost", StringComparison.Ordinal));

    /// <summary>Starts the site (and the emulator when <c>Badge:Authority</c> is not set).</summary>
    /// <param name="args">Command-line arguments: <c>--urls</c>, <c>--Badge:Authority</c>, <c>--Badge:ApiKey</c>, <c>--Badge:BadgeId</c>, <c>--Badge:DataDirectory</c>.</param>
    /// <returns>The started site.</returns>
    public static async Task<GovSiteApp> StartAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder().AddCommandLine(args).AddEnvironmentVariables().Build();
        var authority = await SampleAuthority.StartAsync(configuration);
        var authorityAddress = authority.Address;
        var dataDirectory = authority.DataDirectory;
        var apiKey = configuration["Badge:ApiKey"] ?? (authority.Embedded is null ? null : "demo-institution-a");

        var badgeId = configuration["Badge:BadgeId"] ?? await DemoBadgeAsync(authorityAddress, apiKey, dataDirectory, configuration["Badge:DemoDomain"] ?? "localhost");

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

        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning).AddFilter("Polly", LogLevel.Warning);
        builder.Services.AddBadgeAuthorityClient(o => o.BaseAddress = authorityAddress);

        // The two lines a government site adds: this one…
        builder.Services.AddBadgeFooter(o => o.BadgeId = badgeId);
        builder.Services.AddRazorPages();

        var app = builder.Build();
        // …and this one.
        app.UseBadgeFooter();
        app.UseStaticFiles();
        SitePages.Map(app);
        app.MapRazorPages();
        await app.StartAsync();
        await ValidateDemoDomainAsync(authorityAddress, apiKey, badgeId);
        return new GovSiteApp(app, authority, badgeId);
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
