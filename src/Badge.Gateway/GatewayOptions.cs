namespace Badge.Gateway;

/// <summary>The <c>Gateway</c> configuration section.</summary>
internal sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>The one upstream of the simple case (every request goes there), such as <c>http://127.0.0.1:8080</c>.</summary>
    public Uri? Upstream { get; set; }

    /// <summary>Whether the upstream sees the client's <c>Host</c> header (CMSs route by it). Default true.</summary>
    public bool PreserveHost { get; set; } = true;

    /// <summary>How long the upstream may stay silent before the gateway answers 504 (YARP's activity timeout). Default 100 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>The health endpoint's path. Default <c>/_gateway/health</c>.</summary>
    public string HealthPath { get; set; } = "/_gateway/health";

    /// <summary>How often upstreams are probed (a TCP connect) and badges read for the health endpoint. Default 15 s.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Whether plain-HTTP requests are redirected to HTTPS (the health endpoint excepted). Default false.</summary>
    public bool HttpsRedirect { get; set; }

    /// <summary>The <c>Gateway:Hsts</c> section: <c>Enabled</c> plus ASP.NET Core's HstsOptions (MaxAge, IncludeSubDomains, Preload, ExcludedHosts).</summary>
    public HstsSettings Hsts { get; set; } = new();

    /// <summary>An extra JSON configuration file, reloaded on change (the <c>ReverseProxy</c> section in it included).</summary>
    public string? ConfigFile { get; set; }
}

internal sealed class HstsSettings
{
    public bool Enabled { get; set; }
}
