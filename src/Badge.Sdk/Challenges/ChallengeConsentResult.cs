using System.Diagnostics.CodeAnalysis;
using Badge.Sdk.Credentials;

namespace Badge.Sdk.Challenges;

/// <summary>
/// The outcome of reading a consent: valid with its facts, or a reason code of <see cref="ChallengeReasonCodes"/>. Only
/// <see cref="ChallengeConsentReader"/> makes one, so a valid result always comes from a verified answer.
/// </summary>
public sealed class ChallengeConsentResult
{
    internal ChallengeConsentResult(ChallengeConsent consent) => Consent = consent;

    internal ChallengeConsentResult(string reason) => Reason = reason;

    /// <summary>Whether the answer's form, algorithm, chain, role and signature hold.</summary>
    [MemberNotNullWhen(true, nameof(Consent))]
    [MemberNotNullWhen(false, nameof(Reason))]
    public bool IsValid => Consent is not null;

    /// <summary>The reason code when not valid (see <see cref="ChallengeReasonCodes"/>); otherwise <see langword="null"/>.</summary>
    public string? Reason { get; }

    /// <summary>The facts when valid; otherwise <see langword="null"/>.</summary>
    public ChallengeConsent? Consent { get; }
}
