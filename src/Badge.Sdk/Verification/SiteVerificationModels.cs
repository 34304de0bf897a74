using Badge.Sdk.Certificates;

namespace Badge.Sdk.Verification;

/// <summary>The overall outcome of checking one site.</summary>
public enum SiteVerificationOutcome
{
    /// <summary>The badge is in place, genuine, in force, and vouches for this site and the expected institution.</summary>
    Pass,

    /// <summary>The site was checked and something is wrong; see the findings.</summary>
    Findings,

    /// <summary>
    /// The site could not be checked (unreachable, timed out, unreadable, not HTML, too large, redirected away); the
    /// finding says why.
    /// </summary>
    CouldNotCheck,
}

/// <summary>How the badge appears in the page.</summary>
public enum BadgePresentation
{
    /// <summary>No badge was found.</summary>
    None,

    /// <summary>The footer the middleware (or <c>BadgeFooterRenderer</c>) writes.</summary>
    Footer,

    /// <summary>The authority's embed code, pasted into the page.</summary>
    EmbedCode,

    /// <summary>A legacy (CONAC, <c>_ideConac</c>) badge, replaced centrally by the authority.</summary>
    Legacy,
}

/// <summary>One thing found wrong, with a stable code and a sentence in English and in Chinese.</summary>
/// <param name="Code">A code from <see cref="SiteFindingCodes"/>.</param>
/// <param name="Message">What is wrong, in English.</param>
/// <param name="ChineseMessage">The same, in Chinese.</param>
public sealed record SiteFinding(string Code, string Message, string ChineseMessage);

/// <summary>The result of checking one site.</summary>
public sealed record SiteVerificationResult
{
    /// <summary>The address checked.</summary>
    public required Uri Site { get; init; }

    /// <summary>The outcome.</summary>
    public required SiteVerificationOutcome Outcome { get; init; }

    /// <summary>Every finding, in the order found; empty on <see cref="SiteVerificationOutcome.Pass"/>.</summary>
    public required IReadOnlyList<SiteFinding> Findings { get; init; }

    /// <summary>How the badge appears in the page.</summary>
    public BadgePresentation Presentation { get; init; }

    /// <summary>The badge id the page shows, when one was found.</summary>
    public string? BadgeId { get; init; }

    /// <summary>
    /// Informational notes that do not fail the check: a legacy badge the authority replaced centrally
    /// (<see cref="SiteFindingCodes.ReplacedCentrally"/>) or one still awaiting that replacement
    /// (<see cref="SiteFindingCodes.AwaitingCentralReplacement"/>).
    /// </summary>
    public IReadOnlyList<SiteFinding> Notices { get; init; } = [];

    /// <summary>The certificate facts, read from the authority's signed document (for a legacy badge replaced centrally, its successor's).</summary>
    public BadgeCertificate? Certificate { get; init; }
}

/// <summary>The codes of <see cref="SiteFinding"/>.</summary>
public static class SiteFindingCodes
{
    /// <summary>The site could not be reached or did not answer in time.</summary>
    public const string Unreachable = "unreachable";

    /// <summary>
    /// The site answered, but what it sent could not be read (a broken body, an unknown content coding, a page too
    /// complex to search, anything else that went wrong while checking it); the message says what.
    /// </summary>
    public const string Unreadable = "unreadable";

    /// <summary>The home page did not answer 200.</summary>
    public const string HttpStatus = "http_status";

    /// <summary>The home page is not HTML.</summary>
    public const string NotHtml = "not_html";

    /// <summary>The home page is larger than the configured cap.</summary>
    public const string TooLarge = "too_large";

    /// <summary>
    /// The site redirects to a host its domain does not cover, to another scheme or port (except http to https on
    /// 443), to an address that is not http(s), or too often.
    /// </summary>
    public const string RedirectOffSite = "redirect_off_site";

    /// <summary>No badge was found in the page.</summary>
    public const string NoBadge = "no_badge";

    /// <summary>The page carries a legacy badge, to be replaced. No longer reported: see <see cref="AwaitingCentralReplacement"/>.</summary>
    public const string LegacyBadge = "legacy_badge";

    /// <summary>A notice: the legacy badge on the page was superseded by the authority, and its old code now shows the successor.</summary>
    public const string ReplacedCentrally = "replaced_centrally";

    /// <summary>A notice: the page carries a legacy badge the authority has not yet replaced; the institution need do nothing.</summary>
    public const string AwaitingCentralReplacement = "awaiting_central_replacement";

    /// <summary>The badge is not in the bottom part of the page.</summary>
    public const string NotAtBottom = "not_at_bottom";

    /// <summary>The badge links to an origin other than the configured authority.</summary>
    public const string ForeignLink = "foreign_link";

    /// <summary>The authority knows no badge with the id the page shows.</summary>
    public const string UnknownBadge = "unknown_badge";

    /// <summary>The badge was revoked.</summary>
    public const string Revoked = "revoked";

    /// <summary>The badge was superseded by another.</summary>
    public const string Superseded = "superseded";

    /// <summary>The badge vouches for another domain: a copied badge.</summary>
    public const string DomainMismatch = "domain_mismatch";

    /// <summary>The organizer name on the certificate is not the expected one.</summary>
    public const string OrganizerMismatch = "organizer_mismatch";

    /// <summary>The unified social credit code on the certificate is not the expected one.</summary>
    public const string UsccMismatch = "uscc_mismatch";

    /// <summary>The authority's signed certificate could not be read or did not verify.</summary>
    public const string CertificateUnavailable = "certificate_unavailable";

    /// <summary>The badge is pending domain validation: it vouches for nothing yet.</summary>
    public const string Pending = "pending";
}
