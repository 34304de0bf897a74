using Badge.Sdk.Rendering;

namespace Badge.Sdk.AspNetCore.Footer;

/// <summary>Configures the badge footer middleware (<c>AddBadgeFooter</c> / <c>UseBadgeFooter</c>).</summary>
public sealed class BadgeFooterOptions
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
    public string AssetPath { get; set; } = "/_badge";

    /// <summary>How often badges are re-read from the authority in the background. Default 5 minutes.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How soon a read that failed for a passing reason (authority unreachable, slow, or answering garbage) is tried
    /// again; each further failure doubles the wait, up to <see cref="RefreshInterval"/>. Default 30 seconds.
    /// A badge the authority does not know (404) is retried from <see cref="RefreshInterval"/> doubling up to an hour.
    /// </summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one badge's refresh may take in all: every call to the authority it makes, bodies included. A refresh
    /// past it is abandoned and counts as a failure; other badges never wait for it. Default 30 seconds.
    /// </summary>
    public TimeSpan RefreshTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// After a <c>&lt;/body&gt;</c>, how many bytes of white space and comments (all that may follow the end of a
    /// page) are held back before the footer is given up to the end of the page instead. Any other content after it
    /// releases them at once. Bounds what is held back per response. Default 16 KiB.
    /// </summary>
    public int LookAheadBytes { get; set; } = 16 * 1024;

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
}
