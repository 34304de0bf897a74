using System.Diagnostics.CodeAnalysis;
using Badge.Sdk.Identity;
using Badge.Sdk.Platforms;

namespace Badge.Sdk.Challenges;

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
