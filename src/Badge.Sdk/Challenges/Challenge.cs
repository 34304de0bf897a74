using Badge.Sdk.Identity;

namespace Badge.Sdk.Challenges;

/// <summary>A QR challenge a platform created for one account of one institution.</summary>
public sealed record Challenge
{
    /// <summary>The 128-bit id the QR's URL carries (base64url).</summary>
    public required string Id { get; init; }

    /// <summary>The platform.</summary>
    public required PlatformId Platform { get; init; }

    /// <summary>The account on the platform.</summary>
    public required string AccountId { get; init; }

    /// <summary>The code the operator typed.</summary>
    public required UnifiedSocialCreditCode Uscc { get; init; }

    /// <summary>The institution name the operator typed.</summary>
    public required OrganizerName InstitutionName { get; init; }

    /// <summary>A 128-bit nonce (base64url) the answer must repeat.</summary>
    public required string Nonce { get; init; }

    /// <summary>The short code shown both on the page and in the app.</summary>
    public required string DisplayCode { get; init; }

    /// <summary>A secret the page polls the status with; never in the QR.</summary>
    public required string PollToken { get; init; }

    /// <summary>The request the app fetches: a compact JWS signed by the platform.</summary>
    public required string RequestJws { get; init; }

    /// <summary>The SHA-256 of <see cref="RequestJws"/> (base64url), which the answer must repeat; computed when absent.</summary>
    public string? RequestHash { get; init; }

    /// <summary>When it was made.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it expires.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Its state.</summary>
    public ChallengeState State { get; init; }

    /// <summary>Increases with every change; the store's compare-and-swap compares it.</summary>
    public int Version { get; init; }

    /// <summary>The operator who answered, once answered.</summary>
    public string? OperatorId { get; init; }

    /// <summary>Why it was rejected or denied.</summary>
    public string? Reason { get; init; }

    /// <summary>
    /// Once approved: the signed answer (compact JWS), the institution's consent the platform passes to the authority
    /// with the issuance request (<see cref="Badge.Sdk.Issuance.IssueBadgeRequest.Consent"/>).
    /// </summary>
    public string? Answer { get; init; }
}
