using System.Text.Json;
using System.Text.Json.Serialization;
using Badge.Authority.Api;
using Badge.Authority.Domains;
using Badge.Authority.Pages;
using Badge.Authority.Security;
using Badge.Authority.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Badge.Authority;

/// <summary>Builds the emulator; used by its own <c>Program</c>, by the government-site sample and by tests.</summary>
public static class AuthorityApp
{
    /// <summary>The address the emulator listens on when none is configured.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5280";

    /// <summary>Builds the emulator from command-line arguments (<c>--urls</c>, <c>--Authority:DatabasePath</c>, …).</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="configure">Changes services before the app is built (tests swap the clock, for example).</param>
    /// <returns>The app, not yet started.</returns>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(AuthorityApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.Configure<AuthorityOptions>(builder.Configuration.GetSection("Authority"));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IAuthorityStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AuthorityOptions>>().Value;
            var path = Path.IsPathRooted(options.DatabasePath)
                ? options.DatabasePath
                : Path.Combine(Directory.GetCurrentDirectory(), options.DatabasePath);
            var store = new SqliteAuthorityStore(path);
            store.EnsureCreated();
            return store;
        });
        builder.Services.AddSingleton(sp => new AuthoritySigner(
            sp.GetRequiredService<IAuthorityStore>(),
            sp.GetRequiredService<IOptions<AuthorityOptions>>().Value.IssuingOffice,
            sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(sp => new CertificateAuthority(sp.GetRequiredService<IAuthorityStore>(), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<RequestCounter>();
        builder.Services.AddDomainControl();
        builder.Services.AddStrictInput();
        builder.Services.AddPortal();
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Extensions.TryAdd("code", ctx.ProblemDetails.Status switch
            {
                StatusCodes.Status400BadRequest => "invalid_body",
                StatusCodes.Status404NotFound => "not_found",
                StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
                StatusCodes.Status413PayloadTooLarge => "body_too_large",
                _ => "server_error",
            });
        });
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        builder.Services.AddOpenApi("v1", o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Badge authority API";
                document.Info.Version = "v1";
                document.Info.Description = "The issuing authority's protocol v1, as the local emulator implements it. "
                    + "Errors are RFC 9457 problem details with `code`, `field` and `reason` extensions; mutating calls take an "
                    + "`X-Api-Key` and an optional `Idempotency-Key`.";
                return Task.CompletedTask;
            });
            o.AddSchemaTransformer(OpenApiSchemas.DescribeIdentityValues);
        });
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
            kestrel.Limits.MaxRequestBodySize = context.Configuration.GetValue<long?>("Authority:MaxRequestBodyBytes") ?? 64 * 1024);
        configure?.Invoke(builder);

        var app = builder.Build();
        Seed(app.Services);

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(async (context, next) =>
        {
            context.Response.Headers["X-Request-Id"] = context.TraceIdentifier;
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.RequestServices.GetRequiredService<RequestCounter>().Count(context.Request.Path);
            var options = context.RequestServices.GetRequiredService<IOptions<AuthorityOptions>>().Value;
            context.Items[typeof(Principal)] = ApiKeys.Resolve(
                context, context.RequestServices.GetRequiredService<IAuthorityStore>(), ApiKeys.Hash(options.AuthorityApiKey));
            await next(context);
        });
        app.UseMiddleware<IdempotencyMiddleware>();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapPortal();
        AuthorityEndpoints.Map(app);
        return app;
    }

    /// <summary>The first address the started app listens on.</summary>
    /// <param name="app">A started app.</param>
    /// <returns>The address, for example <c>http://127.0.0.1:5280</c>.</returns>
    public static Uri Address(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First());
    }

    /// <summary>Prints where the emulator listens and its demo keys (the emulator's only output of keys).</summary>
    /// <param name="app">A started app.</param>
    /// <param name="output">Where to print.</param>
    public static void PrintBanner(WebApplication app, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(output);
        var options = app.Services.GetRequiredService<IOptions<AuthorityOptions>>().Value;
        output.WriteLine($"Badge authority emulator listening on {Address(app)}");
        output.WriteLine($"  OpenAPI: {Address(app)}openapi/v1.json   database: {Path.GetFullPath(options.DatabasePath)}");
        output.WriteLine("  Demo API keys (X-Api-Key header):");
        output.WriteLine($"    authority                {options.AuthorityApiKey}");
        foreach (var institution in options.Institutions)
        {
            output.WriteLine($"    institution {institution.Uscc} {institution.ApiKey}  ({institution.Name}, primary administrator '{institution.PrimaryAdministrator}')");
        }

        foreach (var platform in options.Platforms)
        {
            output.WriteLine($"    platform {platform.Id,-12} {platform.ApiKey}");
        }

        output.WriteLine("  Primary administrators' one-time enrolment codes (credential app: enroll --admin <id> --enrollment-code <code>):");
        foreach (var institution in options.Institutions)
        {
            output.WriteLine($"    {institution.Uscc} {institution.PrimaryAdministrator,-10} {institution.EnrollmentCode}");
        }
    }

    private static void Seed(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<AuthorityOptions>>().Value;
        var store = services.GetRequiredService<IAuthorityStore>();
        foreach (var institution in options.Institutions)
        {
            var uscc = Badge.Sdk.Identity.UnifiedSocialCreditCode.Parse(institution.Uscc);
            store.UpsertInstitution(new InstitutionRow(uscc.ToString(), institution.Name, institution.PrimaryAdministrator), ApiKeys.Hash(institution.ApiKey));
        }

        foreach (var platform in options.Platforms)
        {
            store.UpsertPlatform(Badge.Sdk.Identity.PlatformId.Parse(platform.Id).Value, platform.Name, ApiKeys.Hash(platform.ApiKey));
        }

        _ = services.GetRequiredService<DomainRegistry>();
        Api.TrustChecks.Seed(store, options, services.GetRequiredService<TimeProvider>());
        _ = services.GetRequiredService<AuthoritySigner>();
        _ = services.GetRequiredService<CertificateAuthority>();
    }
}

/// <summary>Counts requests by path, so tests can see how many calls reached the emulator.</summary>
public sealed class RequestCounter
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>How many requests arrived for a path.</summary>
    /// <param name="path">The path, for example <c>/api/v1/badges/x/certificate</c>.</param>
    /// <returns>The count.</returns>
    public int Get(string path) => _counts.TryGetValue(path, out var n) ? n : 0;

    internal void Count(PathString path) => _counts.AddOrUpdate(path.Value ?? "/", 1, (_, n) => n + 1);
}

internal static class PrincipalExtensions
{
    public static Principal GetPrincipal(this HttpContext context) =>
        context.Items.TryGetValue(typeof(Principal), out var value) && value is Principal p ? p : Principal.Anonymous;
}
