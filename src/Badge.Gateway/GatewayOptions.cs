using System.ComponentModel.DataAnnotations;
using Badge.Sdk;

namespace Badge.Gateway;

/// <summary>
/// The <c>Gateway</c> configuration section. Checked by its data annotations (<see cref="GatewayOptionsValidator"/>)
/// before anything starts and again when the host starts; each message names the configuration key, so the one line
/// the tool prints says what to change.
/// </summary>
internal sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>The one upstream of the simple case (every request goes there), such as <c>http://127.0.0.1:8080</c>.</summary>
    [HttpAddress(ErrorMessage = "Gateway:Upstream must be an absolute http:// or https:// address, such as --Gateway:Upstream=http://127.0.0.1:8080.")]
    public Uri? Upstream { get; set; }

    /// <summary>Whether the upstream sees the client's <c>Host</c> header (CMSs route by it). Default true.</summary>
    public bool PreserveHost { get; set; } = true;

    /// <summary>How long the upstream may stay silent before the gateway answers 504 (YARP's activity timeout). Default 100 s.</summary>
    [TimeSpanRange("00:00:00.001", "1.00:00:00", ErrorMessage = "Gateway:Timeout must be positive (at most a day), such as 00:01:40.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>The health endpoint's path. Default <c>/_gateway/health</c>.</summary>
    [Required(ErrorMessage = HealthPathMessage)]
    [RegularExpression(@"^/[^\s?#]+$", ErrorMessage = HealthPathMessage)]
    public string HealthPath { get; set; } = "/_gateway/health";

    /// <summary>How often upstreams are probed (a TCP connect) and badges read for the health endpoint. Default 15 s.</summary>
    [TimeSpanRange("00:00:00.001", "1.00:00:00", ErrorMessage = "Gateway:ProbeInterval must be positive (at most a day), such as 00:00:15.")]
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Whether plain-HTTP requests are redirected to HTTPS (the health endpoint excepted). Default false.</summary>
    public bool HttpsRedirect { get; set; }

    /// <summary>The <c>Gateway:Hsts</c> section: <c>Enabled</c> plus ASP.NET Core's HstsOptions (MaxAge, IncludeSubDomains, Preload, ExcludedHosts).</summary>
    public HstsSettings Hsts { get; set; } = new();

    /// <summary>An extra JSON configuration file, reloaded on change (the <c>ReverseProxy</c> section in it included).</summary>
    public string? ConfigFile { get; set; }

    private const string HealthPathMessage = "Gateway:HealthPath must be a path such as /_gateway/health (a slash, then no spaces, ? or #).";
}
