using System.Text.Encodings.Web;
using System.Text.Json;
using Badge.Authority.Pages;
using Badge.Authority.Storage;
using Microsoft.Extensions.Options;

namespace Badge.Authority.Api;

/// <summary>
/// Central replacement of legacy badges (the manual: "由中央编办域名服务中心统一将旧标识替换为新标识"). The emulator stands in
/// for the old system's script host (<c>dcs.conac.cn</c>) and certificate host (<c>bszs.conac.cn</c>): once the
/// authority supersedes a legacy badge, its loader script, its image and its certificate address all show the
/// successor, so a site that pasted the old code shows the new badge without changing anything.
/// </summary>
internal static partial class AuthorityEndpoints
{
    // A chain longer than this is a loop or a mistake in the data; the last badge reached is shown.
    private const int MaxSuccessorHops = 8;

    private static void MapLegacyHost(WebApplication app)
    {
        app.MapGet("/legacy/js/{file}", LegacyLoader).WithName("LegacyLoaderScript").ExcludeFromDescription();
        app.MapGet("/legacy/image/{file}", LegacyImage).WithName("LegacyBadgeImage").ExcludeFromDescription();
        app.MapGet("/legacy/sitename", LegacyCertificate).WithName("LegacyCertificatePage").ExcludeFromDescription();
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
        if (!file.EndsWith(".js", StringComparison.Ordinal) || store.GetBadge(Normalize(file[..^3])) is not { Legacy: true } row)
        {
            return Results.NotFound();
        }

        var current = Current(store, row);
        var baseUri = BaseUri(context);
        var certificate = ToCertificate(context, current, options.Value);
        var (href, src) = current.Legacy
            ? (new Uri(baseUri, $"legacy/sitename?method=show&id={current.Id}"), new Uri(baseUri, $"legacy/image/{current.Id}.svg"))
            : (certificate.CertificateUrl!, certificate.ImageUrl!);
        context.Response.Headers.CacheControl = "no-cache";
        return Results.Text(LegacyScript(current.Id, href, src, BadgeAssets.AltText(certificate)), "text/javascript; charset=utf-8");
    }

    private static IResult LegacyImage(string file, HttpContext context, IAuthorityStore store, IOptions<AuthorityOptions> options)
    {
        if (!file.EndsWith(".svg", StringComparison.Ordinal) || store.GetBadge(Normalize(file[..^4])) is not { Legacy: true } row)
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = "no-cache";
        return Results.Text(BadgeAssets.Svg(ToCertificate(context, Current(store, row), options.Value)), "image/svg+xml; charset=utf-8");
    }

    private static IResult LegacyCertificate(string? method, string? id, IAuthorityStore store)
    {
        if (method != "show" || string.IsNullOrWhiteSpace(id) || store.GetBadge(Normalize(id)) is not { Legacy: true } row)
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
