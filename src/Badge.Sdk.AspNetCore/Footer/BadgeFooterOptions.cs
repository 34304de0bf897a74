using System.ComponentModel.DataAnnotations;
using Badge.Sdk.AspNetCore.Footer.Scanning;
using Badge.Sdk.Rendering;

namespace Badge.Sdk.AspNetCore.Footer;

/// <summary>
/// Configures the badge footer middleware (<c>AddBadgeFooter</c> / <c>UseBadgeFooter</c>), bound from a configuration
/// section (such as <c>Badge:Footer</c>) or set by a delegate. Checked when the host starts: a wrong value stops it
/// with an <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> naming the option and the reason.
/// </summary>
public sealed class BadgeFooterOptions : IValidatableObject
{
    /// <summary>The badge shown on every host that <see cref="Hosts"/> does not name (a single site sets only this).</summary>
    public string? BadgeId { get; set; }

    /// <summary>
    /// Host name → badge id, for a site cluster serving many institutions' sites (站群): a request's host (without
    /// port, case-insensitive) picks its badge; a host not listed takes the badge of its most specific listed parent
    /// domain (as a badge's domain covers its subdomains), and with none, <see cref="BadgeId"/>.
    /// </summary>
    public IDictionary<string, string> Hosts { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Where the badge sits at the bottom of the page. Default <see cref="BadgePlacement.Center"/>.</summary>
    public BadgePlacement Placement { get; set; } = BadgePlacement.Center;

    /// <summary>
    /// The same-origin path the middleware serves the stylesheet and the cached badge image from. Default
    /// <c>/_badge</c>.
    /// </summary>
    [Required(ErrorMessage = "{0} is required: a path on the site's own origin, such as /_badge.")]
    [RegularExpression("^/(?![/\\\\])[^\\s?#]*$", ErrorMessage = "{0} must be a path on the site's own origin, starting with a single '/', such as /_badge.")]
    public string AssetPath { get; set; } = "/_badge";

    /// <summary>How often badges are re-read from the authority in the background. Default 5 minutes.</summary>
    [TimeSpanRange("00:00:00.001", "7.00:00:00", ErrorMessage = "{0} must be positive (at most 7 days), such as 00:05:00.")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How soon a read that failed for a passing reason (authority unreachable, slow, or answering garbage) is tried
    /// again; each further failure doubles the wait, up to <see cref="RefreshInterval"/>. Default 30 seconds.
    /// A badge the authority does not know (404) is retried from <see cref="RefreshInterval"/> doubling up to an hour.
    /// </summary>
    [TimeSpanRange("00:00:00.001", "7.00:00:00", ErrorMessage = "{0} must be positive (at most 7 days), such as 00:00:30.")]
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one badge's refresh may take in all: every call to the authority it makes, bodies included. A refresh
    /// past it is abandoned and counts as a failure; other badges never wait for it. Default 30 seconds.
    /// </summary>
    [TimeSpanRange("00:00:00.001", "01:00:00", ErrorMessage = "{0} must be positive (at most an hour), such as 00:00:30.")]
    public TimeSpan RefreshTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// After a <c>&lt;/body&gt;</c>, how many bytes of white space and comments (all that may follow the end of a
    /// page) are held back before the footer is given up to the end of the page instead. Any other content after it
    /// releases them at once. Bounds what is held back per response. Default 16 KiB; from 256 bytes to 1 MiB.
    /// </summary>
    [Range(256, 1024 * 1024, ErrorMessage = "{0} must be from 256 to 1048576 bytes.")]
    public int LookAheadBytes { get; set; } = FooterInjector.DefaultLookAhead;

    /// <summary>The response status codes that get the footer. Default: 200 only.</summary>
    public ISet<int> StatusCodes { get; } = new HashSet<int> { 200 };

    /// <summary>Path prefixes that never get the footer (for example <c>/admin</c>).</summary>
    public IList<string> ExcludedPaths { get; } = [];

    /// <summary>
    /// Whether a legacy badge already in the page (the predecessor system's pasted <c>document.write</c> loader or a
    /// rendered <c>span#_ideConac</c>) is replaced in place by the new footer; then nothing more is added at
    /// <c>&lt;/body&gt;</c>. Default false. When on, the last 256 bytes of each write are held back until the next
    /// (a legacy element's start may be among them), and up to 4 KiB while a legacy element is incomplete.
    /// </summary>
    public bool ReplaceLegacyBadge { get; set; }

    /// <summary>Whether the badge opens the certificate page in a new tab. Default true.</summary>
    public bool OpenInNewTab { get; set; } = true;

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        foreach (var (host, badgeId) in Hosts)
        {
            if (string.IsNullOrWhiteSpace(host) || string.IsNullOrWhiteSpace(badgeId))
            {
                yield return new ValidationResult($"BadgeFooterOptions.Hosts: the host '{host}' must name a badge id (Hosts:<host name>=<badge id>).", [nameof(Hosts)]);
            }
        }

        foreach (var status in StatusCodes)
        {
            if (status is < 100 or > 599)
            {
                yield return new ValidationResult($"BadgeFooterOptions.StatusCodes: {status} is not an HTTP status code (100 to 599).", [nameof(StatusCodes)]);
            }
        }

        foreach (var path in ExcludedPaths)
        {
            if (path is null || !path.StartsWith('/'))
            {
                yield return new ValidationResult($"BadgeFooterOptions.ExcludedPaths: '{path}' must be a path starting with '/', such as /admin.", [nameof(ExcludedPaths)]);
            }
        }
    }
}
