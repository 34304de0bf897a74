using System.Text.Encodings.Web;
using System.Text.Json;
using Badge.Authority.Pages;
using Badge.Authority.Storage;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Microsoft.Extensions.Options;

namespace Badge.Authority.Api;

/// <summary>
/// Legacy (CONAC) badges: importing them, and their central replacement (the manual: "由中央编办域名服务中心统一将旧标识替换为新标识").
/// The emulator stands in for the old system's script host (<c>dcs.conac.cn</c>) and certificate host (<c>bszs.conac.cn</c>):
/// once the authority supersedes a legacy badge, its loader script, its image and its certificate address all show the
/// successor, so a site that pasted the old code shows the new badge without changing anything.
/// </summary>
internal static class LegacyEndpoints
{
    // A chain longer than this is a loop or a mistake in the data; the last badge reached is shown.
    private const int MaxSuccessorHops = 8;
    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdef");

    public static RouteGroupBuilder MapLegacyImport(this RouteGroupBuilder api)
    {
        var legacy = api.MapGroup(string.Empty).WithTags("Legacy badges");
        legacy.MapPost("/legacy-badges", ImportLegacy).WithName("ImportLegacyBadge").WithSummary("Import a legacy (CONAC) badge")
            .Produces<BadgeRecord>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        return api;
    }

    public static IEndpointRouteBuilder MapLegacyHost(this IEndpointRouteBuilder app)
    {
        app.MapGet("/legacy/js/{file}", LegacyLoader).WithName("LegacyLoaderScript").ExcludeFromDescription();
        app.MapGet("/legacy/image/{file}", LegacyImage).WithName("LegacyBadgeImage").ExcludeFromDescription();
        app.MapGet("/legacy/sitename", LegacyCertificate).WithName("LegacyCertificatePage").ExcludeFromDescription();
        return app;
    }

    private static IResult ImportLegacy(ImportLegacyBadgeRequest? request, HttpContext context, IAuthorityStore store, IOptions<AuthorityOptions> options, TimeProvider time)
    {
        if (Callers.RequireAuthority(context) is { } denied)
        {
            return denied;
        }

        if (request is null)
        {
            return Problems.Missing("body");
        }

        var legacyId = request.LegacyId?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(legacyId))
        {
            return Problems.Missing("legacyId");
        }

        if (legacyId.Length != 32 || legacyId.AsSpan().ContainsAnyExcept(HexDigits))
        {
            return Problems.Invalid("legacyId", "invalid_field", $"legacyId: a legacy badge id is 32 hexadecimal characters; '{request.LegacyId}' is not");
        }

        if (Fields.Uscc(request.Uscc, "uscc", out var uscc) is { } usccProblem)
        {
            return usccProblem;
        }

        if (InputRules.EligibleInstitution(uscc, store, options.Value) is not { } institution)
        {
            return InputRules.IneligibleOrUnknown(uscc, options.Value);
        }

        if (InputRules.RegisteredOrganizer(request.OrganizerName, institution, "organizerName", out var organizer) is { } p1)
        {
            return p1;
        }

        if (Fields.Name<OnlineName>(request.OnlineName, "onlineName", out var onlineName) is { } p2)
        {
            return p2;
        }

        if (Fields.Domain(request.Domain, "domain", out var domain) is { } p3)
        {
            return p3;
        }

        var now = time.GetUtcNow();
        var row = new BadgeRow
        {
            Id = legacyId,
            Kind = "website",
            Status = "active",
            Version = 1,
            Uscc = uscc.ToString(),
            OrganizerName = organizer.Value,
            OnlineName = onlineName.Value,
            Domain = domain.Ascii,
            Legacy = true,
            IssuedAt = now,
            UpdatedAt = now,
        };
        return store.InsertBadge(row) == WriteOutcome.Written
            ? TypedResults.Created($"/api/v1/badges/{row.Id}", ApiModels.ToRecord(row))
            : Problems.Create(StatusCodes.Status409Conflict, "duplicate_badge", "legacyId", $"the legacy badge '{legacyId}' was imported before");
    }

    /// <summary>The badge that is shown in place of <paramref name="row"/>: its active successor for a superseded legacy badge, else itself.</summary>
    internal static BadgeRow Current(IAuthorityStore store, BadgeRow row)
    {
        var current = row;
        for (var hop = 0; hop < MaxSuccessorHops && current.Legacy && current.Status == "superseded" && current.SupersededBy is { } next; hop++)
        {
            if (store.GetBadge(next) is not { } successor)
            {
                break;
            }

            current = successor;
        }

        return current;
    }

    // The loader the legacy embed code pulls in: fills span#_ideConac with a link and an image, as the old script did.
    private static IResult LegacyLoader(string file, HttpContext context, IAuthorityStore store, IOptions<AuthorityOptions> options)
    {
        if (!file.EndsWith(".js", StringComparison.Ordinal) || store.GetBadge(Fields.BadgeId(file[..^3])) is not { Legacy: true } row)
        {
            return Results.NotFound();
        }

        var current = Current(store, row);
        var baseUri = ApiModels.BaseUri(context);
        var certificate = ApiModels.ToCertificate(context, current, options.Value);
        var (href, src) = current.Legacy
            ? (new Uri(baseUri, $"legacy/sitename?method=show&id={current.Id}"), new Uri(baseUri, $"legacy/image/{current.Id}.svg"))
            : (certificate.CertificateUrl!, certificate.ImageUrl!);
        context.Response.Headers.CacheControl = "no-cache";
        return Results.Text(LegacyScript(current.Id, href, src, BadgeAssets.AltText(certificate)), "text/javascript; charset=utf-8");
    }

    private static IResult LegacyImage(string file, HttpContext context, IAuthorityStore store, IOptions<AuthorityOptions> options)
    {
        if (!file.EndsWith(".svg", StringComparison.Ordinal) || store.GetBadge(Fields.BadgeId(file[..^4])) is not { Legacy: true } row)
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = "no-cache";
        return Results.Text(BadgeAssets.Svg(ApiModels.ToCertificate(context, Current(store, row), options.Value)), "image/svg+xml; charset=utf-8");
    }

    private static IResult LegacyCertificate(string? method, string? id, IAuthorityStore store)
    {
        if (method != "show" || string.IsNullOrWhiteSpace(id) || store.GetBadge(Fields.BadgeId(id)) is not { Legacy: true } row)
        {
            return Results.NotFound();
        }

        return Results.Redirect($"/certificates/{Uri.EscapeDataString(Current(store, row).Id)}");
    }

    private static string LegacyScript(string shownId, Uri href, Uri src, string alt)
    {
        static string J(string value) => JsonSerializer.Serialize(value, LegacyJson.Options);
        return $$"""
            (function () {
              "use strict";
              var span = document.getElementById("_ideConac");
              if (!span || span.getAttribute("data-badge-rendered")) { return; }
              span.setAttribute("data-badge-rendered", {{J(shownId)}});
              var link = document.createElement("a");
              link.href = {{J(href.AbsoluteUri)}}; link.target = "_blank"; link.rel = "noopener";
              var img = document.createElement("img");
              img.id = "imgConac"; img.src = {{J(src.AbsoluteUri)}}; img.alt = {{J(alt)}};
              img.width = {{BadgeAssets.Width}}; img.height = {{BadgeAssets.Height}};
              link.appendChild(img);
              span.appendChild(link);
            })();
            """;
    }

    private static class LegacyJson
    {
        public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Default };
    }
}
