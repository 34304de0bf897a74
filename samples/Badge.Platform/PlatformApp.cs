using System.Security.Cryptography.X509Certificates;
using Badge.Authority;
using Badge.Sdk;
using Badge.Sdk.AspNetCore;
using Badge.Sdk.AspNetCore.Challenges;
using Badge.Sdk.Challenges;
using Badge.Sdk.Credentials;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Badge.Sdk.Platforms;
using Badge.Sdk.QrCodes;
using Microsoft.Extensions.Options;

namespace Badge.Platform;

/// <summary>The platform host, and the in-process authority emulator when none is configured.</summary>
public sealed class PlatformApp : IAsyncDisposable
{
    /// <summary>The port the platform listens on unless <c>--urls</c> says otherwise.</summary>
    public const int DefaultPort = 5290;

    private readonly SampleAuthority _authority;

    private PlatformApp(WebApplication host, SampleAuthority authority, Uri address, PlatformId platform)
    {
        Host = host;
        _authority = authority;
        Address = address;
        Platform = platform;
    }

    /// <summary>The platform host.</summary>
    public WebApplication Host { get; }

    /// <summary>The in-process emulator, when the host started one.</summary>
    public WebApplication? Authority => _authority.Embedded;

    /// <summary>The platform's public address (the QR's URLs start with it).</summary>
    public Uri Address { get; }

    /// <summary>The authority.</summary>
    public Uri AuthorityAddress => _authority.Address;

    /// <summary>A line about the choice of authority (an emulator already running on its port), or <see langword="null"/>.</summary>
    public string? AuthorityNotice => _authority.Notice;

    /// <summary>A line saying the platform's usual port was busy and which one it took, or <see langword="null"/>.</summary>
    public string? PortNotice { get; private init; }

    /// <summary>Which platform this host plays.</summary>
    public PlatformId Platform { get; }

    /// <summary>Starts the platform (and the emulator when <c>Badge:Authority</c> is not set).</summary>
    /// <param name="args">
    /// <c>--Platform:Id</c> (wechat-oa, wechat-mp, weibo, kuaishou; default weibo), <c>--Platform:Port</c>,
    /// <c>--Badge:Authority</c>, <c>--Badge:ApiKey</c> (default <c>demo-platform-&lt;id&gt;</c>), <c>--Badge:DataDirectory</c>,
    /// <c>--Badge:EmbeddedAuthorityUrl</c>.
    /// </param>
    /// <returns>The started platform.</returns>
    public static async Task<PlatformApp> StartAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder().AddCommandLine(args).AddEnvironmentVariables().Build();
        if (!PlatformId.TryParse(configuration["Platform:Id"] ?? "weibo", out var platform, out var platformProblem))
        {
            throw new SampleStartupException($"--Platform:Id='{configuration["Platform:Id"]}': {platformProblem.Message}", "Use wechat-oa, wechat-mp, weibo, kuaishou or douyin.");
        }

        var authority = await SampleAuthority.StartAsync(configuration);
        var authorityAddress = authority.Address;

        var apiKey = configuration["Badge:ApiKey"] ?? "demo-platform-" + platform.Value;
        // The QR carries the platform's address, so another port works as well: it is taken, and said at start.
        if (configuration["Platform:Port"] is { } configuredPort && !int.TryParse(configuredPort, out _))
        {
            throw new SampleStartupException($"--Platform:Port='{configuredPort}' is not a port number.", "Pass a number, or 0 for any free port.");
        }

        var usualPortBusy = !int.TryParse(configuration["Platform:Port"], out var p) && !SampleAuthority.PortFree(DefaultPort);
        var port = configuration["Platform:Port"] is null ? (usualPortBusy ? SampleAuthority.FreePort() : DefaultPort) : p == 0 ? SampleAuthority.FreePort() : p;
        var address = new Uri($"http://127.0.0.1:{port}/");

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(PlatformApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "platform-wwwroot"),
        });
        builder.WebHost.UseUrls(address.GetLeftPart(UriPartial.Authority));
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning).AddFilter("Polly", LogLevel.Warning);
        SampleStartupException.QuietStartupFailures(builder);
        builder.Services.AddBadgeAuthorityClient(o =>
        {
            o.BaseAddress = authorityAddress;
            o.ApiKey = apiKey;
        });

        // The platform's own certificate from the authority's CA: the credential app checks requests against it.
        X509Certificate2 certificate;
        X509Certificate2Collection chain, roots;
        try
        {
            (certificate, chain, roots) = await PlatformCredentialAsync(authorityAddress, apiKey);
        }
        catch (BadgeAuthorityException ex)
        {
            await authority.DisposeAsync();
            throw new SampleStartupException(
                $"The authority at {authorityAddress} gave no platform certificate for '{platform}': {ex.Message}",
                ex.Code == "transport_error" ? "Is the authority running? Check --Badge:Authority." : $"Check --Platform:Id and --Badge:ApiKey (the emulator's key for it is demo-platform-{platform.Value}).",
                ex);
        }

        builder.Services.AddBadgeChallenges(
            o =>
            {
                o.Platform = platform;
                o.Certificate = certificate;
                o.Chain.AddRange(chain);
                o.PublicBaseAddress = address;
            },
            o => o.Roots.AddRange(roots));
        // The platform adapters (the four built-in ones, and the sample's Douyin) and the runner that walks them.
        builder.Services.AddBadgePlatform<Adapters.DouyinAdapter>();

        // The platform's own records of the accounts it verified (已加V): the census route attaches a badge only when
        // the account's verified subject is the institution that filed it. A real platform reads its own database.
        builder.Services.AddSingleton<InMemoryVerifiedAccountSubjects>();
        builder.Services.AddSingleton<IVerifiedAccountSubjects>(sp => sp.GetRequiredService<InMemoryVerifiedAccountSubjects>());
        builder.Services.AddSingleton<ContactScans>();
        builder.Services.AddSingleton<CensusAttachments>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All));

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
        try
        {
            await SampleStartupException.StartAsync(app, address.GetLeftPart(UriPartial.Authority), "the platform", "--Platform:Port=<another port>");
        }
        catch (SampleStartupException)
        {
            await authority.DisposeAsync();
            throw;
        }

        return new PlatformApp(app, authority, address, platform)
        {
            PortNotice = usualPortBusy ? $"Port {DefaultPort} is busy, so the platform listens on {address} instead." : null,
        };
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await _authority.DisposeAsync();
    }

    private static void MapPages(WebApplication app, Uri address)
    {
        var platform = app.Services.GetRequiredService<IOptions<BadgeChallengeEndpointOptions>>().Value.Platform;

        // The QR holds only the request URL.
        app.MapGet("/challenges/{id}/qr.png", async (string id, IChallengeStore store, CancellationToken ct) =>
            await store.GetAsync(id, ct) is null ? Results.NotFound() : Results.File(ChallengeQrCode.RenderPng(RequestUrl(address, id)), "image/png"));
        app.MapGet("/challenges/{id}/qr.svg", async (string id, IChallengeStore store, CancellationToken ct) =>
            await store.GetAsync(id, ct) is null ? Results.NotFound() : Results.Text(ChallengeQrCode.RenderSvg(RequestUrl(address, id)), "image/svg+xml"));

        // The platform and its flows, as the adapter declares them.
        app.MapGet("/platform.json", (CertificationRunner runner) =>
        {
            var adapter = runner.Adapter(platform);
            return Results.Json(new { platform = platform.Value, adapter.DisplayName, variants = adapter.Variants.Select(v => FlowView(adapter.GetFlow(v))) });
        });

        // A sample: nobody signs in, and the page plays every actor (operator, contact, reviewer). A real platform
        // puts these behind its own sign-in (certifications.RequireAuthorization(), and the reviewer's role on
        // /review), as it does for MapBadgeChallenges().
        var certifications = app.MapGroup("/certifications");
        certifications.MapPost("/", async (StartBody body, CertificationRunner runner, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(body.AccountId))
            {
                return Problem("accountId", "required");
            }

            if (!OnlineName.TryParse(body.AccountName, out var accountName, out var accountProblem))
            {
                return Problem("accountName", accountProblem.Message);
            }

            var uscc = UnifiedSocialCreditCode.Validate(body.Uscc ?? string.Empty);
            if (!uscc.IsValid)
            {
                return Problem("uscc", string.Join("; ", uscc.Problems.Select(p => p.Message)));
            }

            if (!OrganizerName.TryParse(body.Name, out var name, out var nameProblem))
            {
                return Problem("name", nameProblem.Message);
            }

            var variant = runner.Adapter(platform).Variants.FirstOrDefault(v => v.ToString() == body.Variant);
            if (variant == default && body.Variant != AccountVariant.Unverified.ToString())
            {
                return Problem("variant", $"'{body.Variant}' is not a variant of {platform}");
            }

            return await Run(async () => View(runner, await runner.StartAsync(
                new CertificationRequest(platform, variant, body.AccountId.Trim(), accountName, uscc.Code.Value, name, string.IsNullOrWhiteSpace(body.OperatorId) ? "op-1" : body.OperatorId.Trim())
                {
                    Confirmed = body.Confirmed ?? [],
                }, ct)));
        });
        certifications.MapGet("/{id}", async (string id, CertificationRunner runner, CancellationToken ct) =>
            await runner.GetAsync(id, ct) is { } c ? Results.Json(View(runner, c)) : Results.NotFound());
        certifications.MapPost("/{id}/retry", (string id, RetryBody body, CertificationRunner runner, CancellationToken ct) =>
            Run(async () => View(runner, await runner.RetryPrerequisitesAsync(id, body.Confirmed, ct))));
        certifications.MapPost("/{id}/steps/{stepId}", async (string id, string stepId, StepCompletion body, CertificationRunner runner, ContactScans contacts, CancellationToken ct) =>
        {
            if (await runner.GetAsync(id, ct) is { } c && runner.Flow(c).Steps.FirstOrDefault(s => s.Id == stepId) is { } step && step.Needs.HasFlag(StepNeeds.ContactScan))
            {
                // The contact is the one whose own scan confirmed it, not whatever the request names.
                if (contacts.ForCertification(id) is not { Scanned: true } scan)
                {
                    return Results.Problem("认证联系人尚未使用本人微信扫码验证 — the contact has not scanned the QR code with their own phone yet.", statusCode: StatusCodes.Status409Conflict,
                        extensions: new Dictionary<string, object?> { ["code"] = "contact_not_scanned", ["step"] = stepId });
                }

                body = body with { ContactName = scan.Name };
            }

            return await Run(async () => View(runner, await runner.CompleteStepAsync(id, stepId, body, ct)));
        });

        // 认证联系人信息: the operator fills it in, the page shows a QR code, the contact scans it with their own phone.
        certifications.MapPost("/{id}/contact", async (string id, ContactBody body, CertificationRunner runner, ContactScans contacts, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Trim().Length > ContactScans.MaxName)
            {
                return Problem("name", $"the contact's name is required, at most {ContactScans.MaxName} characters");
            }

            var phone = body.Phone?.Trim() ?? string.Empty;
            if (phone.Length is 0 or > ContactScans.MaxPhone || !phone.All(char.IsAsciiDigit))
            {
                return Problem("phone", $"the contact's phone number is required: digits only, at most {ContactScans.MaxPhone}");
            }

            if (await runner.GetAsync(id, ct) is null)
            {
                return Results.NotFound();
            }

            var scan = contacts.Fill(id, body.Name.Trim(), phone);
            return Results.Json(new { qr = $"/certifications/{Uri.EscapeDataString(id)}/contact/qr.png", url = ContactUrl(address, scan.Token), scanned = false });
        });
        certifications.MapGet("/{id}/contact", (string id, ContactScans contacts) =>
            contacts.ForCertification(id) is { } scan ? Results.Json(new { name = scan.Name, scanned = scan.Scanned }) : Results.NotFound());
        certifications.MapGet("/{id}/contact/qr.png", (string id, ContactScans contacts) =>
            contacts.ForCertification(id) is { } scan ? Results.File(ChallengeQrCode.RenderPng(ContactUrl(address, scan.Token)), "image/png") : Results.NotFound());

        // The contact's phone: what the scan opens, and their confirmation.
        app.MapGet("/contact-scans/{token}", (string token, ContactScans contacts) =>
            contacts.ForToken(token) is { } scan ? Results.Content(ContactScans.Page(scan, scan.Scanned), "text/html; charset=utf-8") : Results.NotFound());
        app.MapPost("/contact-scans/{token}", (string token, ContactScans contacts) =>
            contacts.Confirm(token) && contacts.ForToken(token) is { } scan ? Results.Content(ContactScans.Page(scan, done: true), "text/html; charset=utf-8") : Results.NotFound());
        certifications.MapPost("/{id}/review", (string id, ReviewOutcome body, CertificationRunner runner, CancellationToken ct) =>
            Run(async () => View(runner, await runner.RecordReviewAsync(id, body, ct))));
        certifications.MapPost("/{id}/resume", (string id, ResumeBody body, CertificationRunner runner, CancellationToken ct) =>
            Run(async () => View(runner, await runner.ResumeFromAsync(id, body.StepId ?? string.Empty, body.ActorId, ct))));

        // The census route (verified Kuaishou accounts): the platform records whom it verified an account for, then
        // attaches the badges the authority's census list asks for — only where the two agree.
        app.MapPost("/verified-accounts", (VerifiedBody body, InMemoryVerifiedAccountSubjects subjects) =>
        {
            if (string.IsNullOrWhiteSpace(body.AccountId))
            {
                return Problem("accountId", "required");
            }

            if (!UnifiedSocialCreditCode.TryParse(body.Uscc, out var code))
            {
                return Problem("uscc", "not a valid unified social credit code");
            }

            subjects.Set(platform, body.AccountId.Trim(), code);
            return Results.NoContent();
        });
        app.MapPost("/census/attach", (CertificationRunner runner, CensusAttachments attachments, CancellationToken ct) =>
            Run(async () =>
            {
                var attached = await runner.AttachFromCensusAsync(platform, ct);
                foreach (var a in attached)
                {
                    attachments.Record(a.Record.AccountId!, a.BadgeId);
                }

                return attached.Select(a => new { a.Record.AccountId, a.Record.Uscc, a.BadgeId, profile = $"/accounts/{Uri.EscapeDataString(a.Record.AccountId!)}" }).ToList();
            }));

        // The account's profile: its badge once the certification completed or the platform attached it from the census.
        app.MapGet("/accounts/{accountId}", async (string accountId, CertificationRunner runner, CensusAttachments attachments, IBadgeAuthorityClient authority, CancellationToken ct) =>
        {
            var (badgeId, fromCensus) = await BadgeOfAsync(runner, attachments, platform, accountId, ct);
            return badgeId is null
                ? Results.NotFound()
                : Results.Content(ProfilePage.Render(accountId, await authority.GetCertificateAsync(badgeId, ct), fromCensus), "text/html; charset=utf-8");
        });
        app.MapGet("/accounts/{accountId}/badge.svg", async (string accountId, CertificationRunner runner, CensusAttachments attachments, IBadgeAuthorityClient authority, CancellationToken ct) =>
            (await BadgeOfAsync(runner, attachments, platform, accountId, ct)).BadgeId is { } badgeId
                ? Results.File(await authority.GetBadgeImageAsync(badgeId, ct), "image/svg+xml")
                : Results.NotFound());
    }

    // A completed certification's badge, else the one attached from the census (a census attachment that completed a
    // waiting certification is both).
    private static async Task<(string? BadgeId, bool FromCensus)> BadgeOfAsync(
        CertificationRunner runner, CensusAttachments attachments, PlatformId platform, string accountId, CancellationToken ct)
    {
        var census = attachments.Find(accountId);
        if (await runner.GetByAccountAsync(platform, accountId, ct) is { State: CertificationState.Completed, BadgeId: { } badgeId })
        {
            return (badgeId, badgeId == census);
        }

        return (census, census is not null);
    }

    private static async Task<IResult> Run(Func<Task<object>> action)
    {
        try
        {
            return Results.Json(await action());
        }
        catch (CertificationException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, extensions: new Dictionary<string, object?> { ["code"] = ex.Code, ["step"] = ex.StepId });
        }
        catch (ArgumentException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest, extensions: new Dictionary<string, object?> { ["field"] = ex.ParamName });
        }
    }

    private static object FlowView(CertificationFlow flow) => new
    {
        variant = flow.Variant.ToString(),
        attachment = flow.Attachment.ToString(),
        prerequisites = flow.Prerequisites.Select(p => new { p.Id, kind = p.Kind.ToString(), p.TitleZh, p.TitleEn }),
        steps = flow.Steps.Select(s => new { s.Id, s.Number, s.TitleZh, s.TitleEn, s.InstructionZh, actor = s.Actor.ToString(), needs = s.Needs.ToString(), identity = s.IdentityCheck.ToString(), s.Actions }),
    };

    private static object View(CertificationRunner runner, Certification c) => new
    {
        c.Id,
        c.AccountId,
        accountName = c.AccountName.Value,
        uscc = c.Uscc.ToString(),
        name = c.InstitutionName.Value,
        state = c.State.ToString(),
        c.BlockedBy,
        c.Reason,
        c.CompletedSteps,
        c.ChallengeId,
        c.BadgeId,
        c.Facts,
        flow = FlowView(runner.Flow(c)),
        history = c.History.Select(h => new { h.At, actor = h.Actor.ToString(), what = h.Event.ToString(), h.StepId, h.Detail }),
    };

    private static string ContactUrl(Uri address, string token) => new Uri(address, $"contact-scans/{token}").AbsoluteUri;

    private static string RequestUrl(Uri address, string id) => new Uri(address, $"challenges/{Uri.EscapeDataString(id)}/request").AbsoluteUri;

    private static IResult Problem(string field, string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest, extensions: new Dictionary<string, object?> { ["field"] = field });

    private static async Task<(X509Certificate2 Certificate, X509Certificate2Collection Chain, X509Certificate2Collection Roots)> PlatformCredentialAsync(Uri authority, string apiKey)
    {
        await using var provider = SampleAuthority.CreateClient(authority, apiKey, out var client);
        var metadata = await client.GetAuthorityMetadataAsync();
        var credentials = provider.GetRequiredService<ICredentialAuthorityClient>();
        var root = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(metadata.RootCertificate!));
        var (key, csr) = CredentialFile.CreateKey();
        using (key)
        {
            var issued = await credentials.IssuePlatformCredentialAsync(csr);
            using var certificate = issued.LoadCertificate();
            return (certificate.CopyWithPrivateKey(key), issued.LoadChain(), [root]);
        }
    }

    internal sealed record StartBody(string? Variant, string? AccountId, string? AccountName, string? Uscc, string? Name, string? OperatorId, string[]? Confirmed);

    internal sealed record RetryBody(string[]? Confirmed);

    internal sealed record VerifiedBody(string? AccountId, string? Uscc);
    internal sealed record ContactBody(string? Name, string? Phone);

    internal sealed record ResumeBody(string? StepId, string? ActorId);
}
