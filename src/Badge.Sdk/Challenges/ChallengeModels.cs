using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using Badge.Sdk.Identity;
using Badge.Sdk.Platforms;

namespace Badge.Sdk.Challenges;

/// <summary>Where a challenge stands.</summary>
[JsonConverter(typeof(Badge.Sdk.Identity.StrictEnumConverter<ChallengeState>))]
public enum ChallengeState
{
    /// <summary>Created; the QR is shown.</summary>
    Pending,

    /// <summary>The credential app fetched the request.</summary>
    Scanned,

    /// <summary>A valid answer consumed the challenge.</summary>
    Approved,

    /// <summary>The platform attached the badge.</summary>
    Completed,

    /// <summary>The operator declined (a signed deny) or the platform cancelled.</summary>
    Denied,

    /// <summary>Not answered in time.</summary>
    Expired,

    /// <summary>Withdrawn by the platform.</summary>
    Cancelled,

    /// <summary>An answer was refused; see the reason.</summary>
    Rejected,
}

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

/// <summary>The reason codes of <see cref="ChallengeVerificationResult"/>.</summary>
public static class ChallengeReasonCodes
{
    /// <summary>Not a compact JWS, or its header or payload cannot be read.</summary>
    public const string Malformed = "malformed";

    /// <summary>The algorithm is not on the allow-list (for example <c>none</c> or HS256).</summary>
    public const string AlgorithmNotAllowed = "algorithm_not_allowed";

    /// <summary>The certificate chain does not lead to a configured root.</summary>
    public const string ChainInvalid = "chain_invalid";

    /// <summary>The signer's certificate is outside its validity period.</summary>
    public const string CertificateExpired = "certificate_expired";

    /// <summary>The signer's certificate was revoked.</summary>
    public const string Revoked = "revoked";

    /// <summary>The signature does not verify with the signer's certificate.</summary>
    public const string BadSignature = "bad_signature";

    /// <summary>No such challenge.</summary>
    public const string UnknownChallenge = "unknown_challenge";

    /// <summary>The challenge has expired.</summary>
    public const string Expired = "expired";

    /// <summary>The challenge was already consumed (or otherwise finished).</summary>
    public const string Replayed = "replayed";

    /// <summary>The answer is bound to another platform, account, nonce or request.</summary>
    public const string BindingMismatch = "binding_mismatch";

    /// <summary>The code typed is not the signer's (单位名称或统一社会信用代码不一致).</summary>
    public const string UsccMismatch = "uscc_mismatch";

    /// <summary>The name typed is not the signer's (单位名称或统一社会信用代码不一致).</summary>
    public const string NameMismatch = "name_mismatch";

    /// <summary>The operator holds no grant of the credential for this account.</summary>
    public const string NotGranted = "not_granted";

    /// <summary>The operator declined.</summary>
    public const string Denied = "denied";
}

/// <summary>
/// The outcome of verifying an answer: valid, or a reason code. Never an exception for a bad answer. Only
/// <see cref="ChallengeVerifier"/> makes one, so a valid result cannot be built by code that did not verify.
/// </summary>
public sealed class ChallengeVerificationResult
{
    private ChallengeVerificationResult(bool isValid, string? reason, Challenge? challenge)
    {
        IsValid = isValid;
        Reason = reason;
        Challenge = challenge;
    }

    /// <summary>Whether the answer was valid and consumed the challenge.</summary>
    [MemberNotNullWhen(true, nameof(Challenge))]
    [MemberNotNullWhen(false, nameof(Reason))]
    public bool IsValid { get; }

    /// <summary>The reason code when not valid (see <see cref="ChallengeReasonCodes"/>); <see langword="null"/> when valid.</summary>
    public string? Reason { get; }

    /// <summary>The challenge after the verification: always when valid; when not, the challenge found, if any.</summary>
    public Challenge? Challenge { get; }

    internal static ChallengeVerificationResult Valid(Challenge challenge) => new(true, null, challenge);

    internal static ChallengeVerificationResult Refused(string reason, Challenge? challenge) => new(false, reason, challenge);
}
