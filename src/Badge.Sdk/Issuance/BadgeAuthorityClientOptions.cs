namespace Badge.Sdk.Issuance;

/// <summary>Configures the authority client registered by <c>AddBadgeAuthorityClient</c>.</summary>
public sealed class BadgeAuthorityClientOptions
{
    /// <summary>
    /// The authority's base address, for example <c>http://127.0.0.1:5280/</c> for the local emulator. Required.
    /// </summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>
    /// The API key sent as <c>X-Api-Key</c>. Needed only for mutating calls and for reading grants; reads of badges
    /// and certificates need none. Never logged.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>How long a certificate lookup is served from the cache before it is revalidated. Default 5 minutes.</summary>
    public TimeSpan CertificateCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long one attempt may take before it is abandoned (and retried where that is safe), from sending the
    /// request to the last byte of the response body. Default 10 seconds.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a call may take in all, retries included. Default 30 seconds.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The largest response body read for a JSON (or signed certificate) answer, in bytes. Enforced while the body
    /// streams in: reading stops at the cap and the call fails with <c>response_too_large</c>. Default 1 MiB
    /// (an answer is normally under 4 KiB). At least 1 KiB.
    /// </summary>
    public int MaxResponseBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The largest badge image read by <c>GetBadgeImageAsync</c>, in bytes, enforced the same way. Default 256 KiB
    /// (the emulator's image is about 3 KiB). At least 1 KiB.
    /// </summary>
    public int MaxImageBytes { get; set; } = 256 * 1024;
}
