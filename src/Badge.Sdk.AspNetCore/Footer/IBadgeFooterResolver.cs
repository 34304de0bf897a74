using Microsoft.AspNetCore.Http;

namespace Badge.Sdk.AspNetCore.Footer;

/// <summary>
/// Picks the badge for a request. The default reads <see cref="BadgeFooterOptions.Hosts"/> and
/// <see cref="BadgeFooterOptions.BadgeId"/>; register your own to look hosts up elsewhere (a CMS database, say).
/// Called on every HTML response: keep it fast and never do I/O in it.
/// </summary>
public interface IBadgeFooterResolver
{
    /// <summary>The badge id (or legacy id) for this request, or <see langword="null"/> for none.</summary>
    /// <param name="context">The request.</param>
    /// <returns>The badge id.</returns>
    string? ResolveBadgeId(HttpContext context);
}
