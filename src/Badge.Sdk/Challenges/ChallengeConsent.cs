using Badge.Sdk.Credentials;
using Badge.Sdk.Identity;

namespace Badge.Sdk.Challenges;

/// <summary>
/// What an institution's signed challenge answer says, once its signature and certificate chain verified: the
/// institution (its credential's code and name) consents that this platform certifies this account, as asked by
/// this operator. The authority reads it from a platform's issuance request and issues only for what it says.
/// </summary>
public sealed record ChallengeConsent
{
    /// <summary>The platform the answer is for (its <c>aud</c>).</summary>
    public required PlatformId Platform { get; init; }

    /// <summary>The challenge the answer answered.</summary>
    public required string ChallengeId { get; init; }

    /// <summary>The account on the platform.</summary>
    public required string AccountId { get; init; }

    /// <summary>The code the answer names.</summary>
    public required UnifiedSocialCreditCode Uscc { get; init; }

    /// <summary>The operator who answered (must hold a grant for the account).</summary>
    public required string OperatorId { get; init; }

    /// <summary>Whether it approves (a signed deny is not consent).</summary>
    public required bool Approved { get; init; }

    /// <summary>When the credential app signed it.</summary>
    public required DateTimeOffset SignedAt { get; init; }

    /// <summary>The signer's code (organizationIdentifier of the credential certificate).</summary>
    public required UnifiedSocialCreditCode SignerUscc { get; init; }

    /// <summary>The signer's name (O of the credential certificate).</summary>
    public string? SignerName { get; init; }

    /// <summary>The credential certificate's serial number (upper-case hexadecimal), for the revocation check.</summary>
    public required string SignerSerialNumber { get; init; }
}
