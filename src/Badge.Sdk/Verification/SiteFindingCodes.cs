namespace Badge.Sdk.Verification;

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

