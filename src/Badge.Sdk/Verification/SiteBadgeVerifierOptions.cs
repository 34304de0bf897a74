namespace Badge.Sdk.Verification;

/// <summary>Configures <see cref="SiteBadgeVerifier"/>.</summary>
public sealed class SiteBadgeVerifierOptions
{
    /// <summary>
    /// The authority whose certificates are trusted (its origin). A badge linking anywhere else is a finding. Required.
    /// </summary>
    public Uri? Authority { get; set; }

    /// <summary>
    /// How long fetching the home page may take: every redirect, header and the whole body, however slowly a site
    /// sends it. Default 10 seconds.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The largest home page read, counted after decompression (a gzip bomb stops here). Default 2 MiB.
    /// </summary>
    public int MaxPageBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>How many redirects are followed (only to hosts the site's domain covers). Default 5.</summary>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>
    /// The bottom part of the page the badge must stand in: at least <c>1 - BottomFraction</c> of the body's other
    /// content (characters from <c>&lt;body</c> to the last <c>&lt;/body&gt;</c>, the badge's own markup left out)
    /// must come before it. Default 0.2: the badge is in the last fifth.
    /// </summary>
    public double BottomFraction { get; set; } = 0.2;
}
