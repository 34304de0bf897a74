namespace Badge.Sdk.Issuance;

/// <summary>
/// How a pending website badge shows control of its domain, ACME-style (RFC 8555 §8.3): the site answers
/// <c>GET http://{domain}/.well-known/online-badge/{token}</c> with the token as its body, and the authority fetches it
/// (on its own schedule, or at once when asked with <see cref="IBadgeAuthorityClient.ValidateDomainAsync"/>).
/// <c>UseBadgeFooter()</c> serves the tokens of the badges it is configured with, so a site running it needs no step.
/// </summary>
public sealed record DomainValidation
{
    /// <summary>The path prefix the token is served under.</summary>
    public const string WellKnownPath = "/.well-known/online-badge/";

    /// <summary>The token: 22 URL-safe base64 characters (128 random bits).</summary>
    public required string Token { get; init; }

    /// <summary>The address the authority fetches, for example <c>http://www.example.gov.cn/.well-known/online-badge/…</c>.</summary>
    public required Uri Url { get; init; }

    /// <summary>When the authority last tried, if it did.</summary>
    public DateTimeOffset? LastCheckedAt { get; init; }

    /// <summary>Why the last try failed, if it did (for example "the site answered 404").</summary>
    public string? LastError { get; init; }
}
