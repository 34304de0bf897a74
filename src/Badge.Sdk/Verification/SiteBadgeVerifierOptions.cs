using System.ComponentModel.DataAnnotations;

namespace Badge.Sdk.Verification;

/// <summary>
/// Configures <see cref="SiteBadgeVerifier"/> (registered by <c>AddSiteBadgeVerifier</c>). Checked when the host
/// starts (and when a verifier is made): a wrong value is an
/// <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> naming the option and the reason.
/// </summary>
public sealed class SiteBadgeVerifierOptions
{
    /// <summary>
    /// The authority whose certificates are trusted (its origin). A badge linking anywhere else is a finding. Required.
    /// </summary>
    [Required(ErrorMessage = "{0} is required: the authority whose certificates are trusted, such as http://127.0.0.1:5280/.")]
    [HttpAddress]
    public Uri? Authority { get; set; }

    /// <summary>
    /// How long fetching the home page may take: every redirect, header and the whole body, however slowly a site
    /// sends it. Default 10 seconds.
    /// </summary>
    [TimeSpanRange("00:00:00.001", "01:00:00", ErrorMessage = "{0} must be positive (at most an hour), such as 00:00:10.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The largest home page read, counted after decompression (a gzip bomb stops here). Default 2 MiB.
    /// </summary>
    [Range(1024, int.MaxValue, ErrorMessage = "{0} must be at least 1024 bytes.")]
    public int MaxPageBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>How many redirects are followed (only to hosts the site's domain covers). Default 5; from 0 to 20.</summary>
    [Range(0, 20, ErrorMessage = "{0} must be from 0 to 20.")]
    public int MaxRedirects { get; set; } = 5;

    /// <summary>
    /// The bottom part of the page the badge must stand in: at least <c>1 - BottomFraction</c> of the body's other
    /// content (characters from <c>&lt;body</c> to the last <c>&lt;/body&gt;</c>, the badge's own markup left out)
    /// must come before it. Default 0.2: the badge is in the last fifth. More than 0, at most 1.
    /// </summary>
    [Range(0.0, 1.0, MinimumIsExclusive = true, ErrorMessage = "{0} must be more than 0 and at most 1, such as 0.2.")]
    public double BottomFraction { get; set; } = 0.2;
}
