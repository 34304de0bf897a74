using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Badge.Authority;
using Badge.Sdk;
using Badge.Sdk.AspNetCore.Challenges;
using Badge.Sdk.Challenges;
using Badge.Sdk.Credentials;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Badge.Sdk.Platforms;
using Badge.Sdk.QrCodes;

namespace Badge.Platform;

/// <summary>The platform host, and the in-process authority emulator when none is configured.</summary>
public sealed class PlatformApp : IAsyncDisposable
{
    /// <summary>The port the platform listens on unless <c>--urls</c> says otherwise.</summary>
    public const int DefaultPort = 5290;

    private PlatformApp(WebApplication host, WebApplication? authority, Uri address, Uri authorityAddress, PlatformId platform)
    {
        Host = host;
        Authority = authority;
        Address = address;
        AuthorityAddress = authorityAddress;
        Platform = platform;
    }

    /// <summary>The platform host.</summary>
    public WebApplication Host { get; }

    /// <summary>The in-process emulator, when the host started one.</summary>
    public WebApplication? Authority { get; }

    /// <summary>The platform's public address (the QR's URLs start with it).</summary>
    public Uri Address { get; }

    /// <summary>The authority.</summary>
    public Uri AuthorityAddress { get; }

    /// <summary>Which platform this host plays.</summary>
    public PlatformId Platform { get; }

    /// <summary>Starts the platform (and the emulator when <c>Badge:Authority</c> is not set).</summary>
    /// <param name="args">
    /// <c>--Platform:Id</c> (wechat-oa, wechat-mp, weibo, kuaishou; default weibo), <c>--Platform:Port</c>,
    /// <c>--Badge:Authority</c>, <c>--Badge:ApiKey</c> (default <c>demo-platform-&lt;id&gt;</c>), <c>--Badge:DataDirectory</c>.
    /// </param>
    /// <returns>The started platform.</returns>
    public static async Task<PlatformApp> StartAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder().AddCommandLine(args).AddEnvironmentVariables().Build();
        var platform = PlatformId.Parse(configuration["Platform:Id"] ?? "weibo");
        var dataDirectory = configuration["Badge:DataDirectory"]
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "badge-sdk-demo");
        Directory.CreateDirectory(dataDirectory);

        WebApplication? authority = null;
        Uri authorityAddress;
        if (configuration["Badge:Authority"] is { Length: > 0 } configured)
        {
            authorityAddress = new Uri(configured.EndsWith('/') ? configured : configured + "/");
        }
        else
        {
            var url = PortFree(5280) ? AuthorityApp.DefaultUrl : "http://127.0.0.1:0";
            authority = AuthorityApp.Build([$"--urls={url}", $"--Authority:DatabasePath={Path.Combine(dataDirectory, "authority.db")}", "--Logging:LogLevel:Default=Warning"]);
            await authority.StartAsync();
            authorityAddress = AuthorityApp.Address(authority);
        }

        var apiKey = configuration["Badge:ApiKey"] ?? "demo-platform-" + platform.Value;
        var port = int.TryParse(configuration["Platform:Port"], out var p) ? (p == 0 ? FreePort() : p) : PortFree(DefaultPort) ? DefaultPort : FreePort();
        var address = new Uri($"http://127.0.0.1:{port}/");

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(PlatformApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        builder.WebHost.UseUrls(address.GetLeftPart(UriPartial.Authority));
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning).AddFilter("Polly", LogLevel.Warning);
        builder.Services.AddBadgeAuthorityClient(o =>
        {
            o.BaseAddress = authorityAddress;
            o.ApiKey = apiKey;
        });

        // The platform's own certificate from the authority's CA: the credential app checks requests against it.
        var (certificate, chain, roots) = await PlatformCredentialAsync(authorityAddress, apiKey);
        builder.Services.AddBadgeChallenges(
            o =>
            {
                o.Platform = platform;
                o.Certificate = certificate;
                o.Chain.AddRange(chain);
                o.PublicBaseAddress = address;
            },
            o => o.Roots.AddRange(roots));
        builder.Services.AddSingleton(new PlatformAccounts(platform));

        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'";
            await next();
        });
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseRateLimiter();
        app.MapBadgeChallenges();
        MapPages(app, address);
        await app.StartAsync();
        return new PlatformApp(app, authority, address, authorityAddress, platform);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        if (Authority is not null)
        {
            await Authority.DisposeAsync();
        }
    }

    private static void MapPages(WebApplication app, Uri address)
    {
        app.MapGet("/platform.json", (PlatformAccounts accounts) => Results.Json(new { platform = accounts.Platform.Value }));

        // The QR holds only the request URL.
        app.MapGet("/challenges/{id}/qr.png", async (string id, IChallengeStore store, CancellationToken ct) =>
            await store.GetAsync(id, ct) is null ? Results.NotFound() : Results.File(ChallengeQrCode.RenderPng(RequestUrl(address, id)), "image/png"));
        app.MapGet("/challenges/{id}/qr.svg", async (string id, IChallengeStore store, CancellationToken ct) =>
            await store.GetAsync(id, ct) is null ? Results.NotFound() : Results.Text(ChallengeQrCode.RenderSvg(RequestUrl(address, id)), "image/svg+xml"));

        // After an approved challenge the platform asks the authority for the account's badge and completes it.
        // The poll token proves the caller is the page that created the challenge.
        app.MapPost("/accounts/{accountId}/attach", async (string accountId, AttachBody body, IChallengeStore store, ChallengeIssuer issuer,
            IBadgeAuthorityClient authority, PlatformAccounts accounts, CancellationToken ct) =>
        {
            var challenge = body.ChallengeId is null ? null : await store.GetAsync(body.ChallengeId, ct);
            if (challenge is null || body.PollToken is null
                || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(body.PollToken), Encoding.ASCII.GetBytes(challenge.PollToken)))
            {
                return Results.NotFound();
            }

            if (challenge.AccountId != accountId)
            {
                return Problem("challengeId", "the challenge is for another account");
            }

            if (challenge.State == ChallengeState.Completed && accounts.Get(accountId) is { } existing)
            {
                return Results.Ok(new { badgeId = existing.BadgeId, profile = $"/accounts/{Uri.EscapeDataString(accountId)}" });
            }

            if (challenge.State != ChallengeState.Approved)
            {
                return Problem("challengeId", $"the challenge is {challenge.State.ToString().ToLowerInvariant()}, not approved");
            }

            if (!OnlineName.TryParse(body.AccountName, out var onlineName, out var nameProblem))
            {
                return Problem("accountName", nameProblem.Message);
            }

            var issued = await authority.IssueBadgeAsync(
                IssueBadgeRequest.ForPlatformAccount(challenge.Uscc, challenge.InstitutionName, onlineName, accounts.Platform, accountId), ct);
            accounts.Set(new AccountBadge(accountId, onlineName.Value, issued.Id, challenge.InstitutionName.Value, challenge.Uscc.ToString()));
            await issuer.CompleteAsync(challenge.Id, ct);
            return Results.Ok(new { badgeId = issued.Id, profile = $"/accounts/{Uri.EscapeDataString(accountId)}" });
        });

        app.MapGet("/accounts/{accountId}", (string accountId, PlatformAccounts accounts) =>
            accounts.Get(accountId) is { } account ? Results.Content(ProfilePage.Render(account), "text/html; charset=utf-8") : Results.NotFound());
        app.MapGet("/accounts/{accountId}/badge.svg", async (string accountId, PlatformAccounts accounts, IBadgeAuthorityClient authority, CancellationToken ct) =>
            accounts.Get(accountId) is { } account ? Results.File(await authority.GetBadgeImageAsync(account.BadgeId, ct), "image/svg+xml") : Results.NotFound());
    }

    private static string RequestUrl(Uri address, string id) => new Uri(address, $"challenges/{Uri.EscapeDataString(id)}/request").AbsoluteUri;

    private static IResult Problem(string field, string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest, extensions: new Dictionary<string, object?> { ["field"] = field });

    private static async Task<(X509Certificate2 Certificate, X509Certificate2Collection Chain, X509Certificate2Collection Roots)> PlatformCredentialAsync(Uri authority, string apiKey)
    {
        var services = new ServiceCollection();
        services.AddBadgeAuthorityClient(o =>
        {
            o.BaseAddress = authority;
            o.ApiKey = apiKey;
        });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IBadgeAuthorityClient>();
        var metadata = await client.GetAuthorityMetadataAsync();
        var root = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(metadata.RootCertificate!));
        var (key, csr) = CredentialStore.CreateKey();
        using (key)
        {
            var issued = await client.IssuePlatformCredentialAsync(csr);
            using var certificate = issued.LoadCertificate();
            return (certificate.CopyWithPrivateKey(key), issued.LoadChain(), [root]);
        }
    }

    private static bool PortFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal sealed record AttachBody(string? ChallengeId, string? PollToken, string? AccountName);
}

/// <summary>An account's badge, as the platform keeps it on the account's profile.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="AccountName">Its name.</param>
/// <param name="BadgeId">The badge.</param>
/// <param name="OrganizerName">The institution behind it.</param>
/// <param name="Uscc">Its code.</param>
public sealed record AccountBadge(string AccountId, string AccountName, string BadgeId, string OrganizerName, string Uscc);

/// <summary>The platform's accounts that carry a badge (in memory: a sample).</summary>
/// <param name="platform">The platform.</param>
public sealed class PlatformAccounts(PlatformId platform)
{
    private readonly ConcurrentDictionary<string, AccountBadge> _accounts = new(StringComparer.Ordinal);

    /// <summary>The platform.</summary>
    public PlatformId Platform { get; } = platform;

    /// <summary>An account's badge.</summary>
    /// <param name="accountId">The account.</param>
    /// <returns>Its badge, or <see langword="null"/>.</returns>
    public AccountBadge? Get(string accountId) => _accounts.TryGetValue(accountId, out var badge) ? badge : null;

    /// <summary>Records an account's badge.</summary>
    /// <param name="badge">The badge.</param>
    public void Set(AccountBadge badge) => _accounts[badge.AccountId] = badge;
}
