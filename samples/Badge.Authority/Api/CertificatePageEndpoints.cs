using Badge.Authority.Pages;
using Badge.Authority.Storage;
using Microsoft.Extensions.Options;

namespace Badge.Authority.Api;

/// <summary>What a visitor of a badged site sees: the certificate page, and the badge's image and script.</summary>
internal static class CertificatePageEndpoints
{
    public static IEndpointRouteBuilder MapCertificatePages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/certificates/{id}", CertificatePageHandler).WithName("CertificatePage").ExcludeFromDescription();
        app.MapGet("/badges/{file}", BadgeFile).WithName("BadgeAsset").ExcludeFromDescription();
        app.MapGet("/assets/certificate.css", () => Results.Text(CertificatePage.Stylesheet, "text/css; charset=utf-8")).ExcludeFromDescription();
        return app;
    }

    private static IResult CertificatePageHandler(string id, HttpContext context, IAuthorityStore store, IOptions<AuthorityOptions> options, Domains.WebsiteDomains websiteDomains)
    {
        context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'";
        if (store.GetBadge(Fields.BadgeId(id)) is not { } row || row.Status == "pending")
        {
            return Results.Content(CertificatePage.NotFound(id), "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }

        if (LegacyEndpoints.Current(store, row) is { } current && current.Id != row.Id)
        {
            return Results.Redirect($"/certificates/{Uri.EscapeDataString(current.Id)}");
        }

        var certificate = ApiModels.ToCertificate(context, row, options.Value);
        string? refererHost = null;
        var covered = true;
        if (Uri.TryCreate(context.Request.Headers.Referer.ToString(), UriKind.Absolute, out var referer)
            && !string.Equals(referer.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase))
        {
            refererHost = referer.IdnHost;
            covered = DomainEndpoints.VouchesFor(row, certificate, referer.IdnHost, websiteDomains);
        }

        var platformName = row.Platform is null ? null : store.GetPlatformName(row.Platform);
        return Results.Content(CertificatePage.Render(certificate, refererHost, covered, platformName), "text/html; charset=utf-8");
    }

    private static IResult BadgeFile(string file, HttpContext context, IAuthorityStore store, IOptions<AuthorityOptions> options)
    {
        var svg = file.EndsWith(".svg", StringComparison.Ordinal);
        var js = file.EndsWith(".js", StringComparison.Ordinal);
        if (!svg && !js)
        {
            return Results.NotFound();
        }

        var id = file[..file.LastIndexOf('.')];
        if (store.GetBadge(Fields.BadgeId(id)) is not { } row)
        {
            return Problems.UnknownBadge(id);
        }

        // A legacy badge the authority superseded draws its successor: the central replacement.
        var shown = LegacyEndpoints.Current(store, row);
        if ((DomainEndpoints.PendingProblem(row) ?? DomainEndpoints.PendingProblem(shown)) is { } pending)
        {
            return pending;
        }

        var certificate = ApiModels.ToCertificate(context, shown, options.Value);
        context.Response.Headers.CacheControl = "public, max-age=300";
        context.Response.Headers.ETag = $"\"{shown.Id}-v{shown.Version}\"";
        return svg
            ? Results.Text(BadgeAssets.Svg(certificate), "image/svg+xml; charset=utf-8")
            : Results.Text(BadgeAssets.Script(row.Id, certificate.CertificateUrl!, certificate.ImageUrl!, BadgeAssets.AltText(certificate)), "text/javascript; charset=utf-8");
    }
}
