using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography.X509Certificates;
using Badge.Sdk.Json;
using Badge.Sdk.Credentials;

namespace Badge.Sdk.Challenges;

/// <summary>
/// What an institution's signed challenge answer says, once its signature and certificate chain verified: the
/// institution (its credential's code and name) consents that this platform certifies this account, as asked by
/// this operator. The authority reads it from a platform's issuance request and issues only for what it says.
/// </summary>
public sealed record ChallengeConsent
{
    /// <summary>The platform the answer is for (its <c>aud</c>).</summary>
    public required string Platform { get; init; }

    /// <summary>The challenge the answer answered.</summary>
    public required string ChallengeId { get; init; }

    /// <summary>The account on the platform.</summary>
    public required string AccountId { get; init; }

    /// <summary>The code the answer names.</summary>
    public required string Uscc { get; init; }

    /// <summary>The operator who answered (must hold a grant for the account).</summary>
    public required string OperatorId { get; init; }

    /// <summary>Whether it approves (a signed deny is not consent).</summary>
    public required bool Approved { get; init; }

    /// <summary>When the credential app signed it.</summary>
    public required DateTimeOffset SignedAt { get; init; }

    /// <summary>The signer's code (organizationIdentifier of the credential certificate).</summary>
    public required string SignerUscc { get; init; }

    /// <summary>The signer's name (O of the credential certificate).</summary>
    public string? SignerName { get; init; }

    /// <summary>The credential certificate's serial number (upper-case hexadecimal), for the revocation check.</summary>
    public required string SignerSerialNumber { get; init; }
}

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

/// <summary>
/// Reads a challenge answer as consent, with no challenge store: checks its form, the algorithm allow-list, the
/// chain to the given roots at <c>now</c>, that the signer is an institution credential, and the signature. What
/// needs the verifier's own records (revocation, grant, binding to the request being made, single use) is the
/// caller's to check with the returned facts; the authority does so before it issues a platform-account badge.
/// </summary>
public static class ChallengeConsentReader
{
    private const int MaxAnswerLength = JwsReader.MaxLength;
    private static readonly ISignatureAlgorithm[] Default = [Es256SignatureAlgorithm.Instance];

    /// <summary>Reads and verifies an answer.</summary>
    /// <param name="answerJws">The compact JWS the credential app produced.</param>
    /// <param name="roots">The authority root(s) the credential must chain to.</param>
    /// <param name="now">The verifier's clock.</param>
    /// <param name="algorithms">The allowed algorithms; default ES256 only.</param>
    /// <returns>The result; never throws for a bad answer.</returns>
    public static ChallengeConsentResult Read(string? answerJws, X509Certificate2Collection roots, DateTimeOffset now, IReadOnlyList<ISignatureAlgorithm>? algorithms = null)
    {
        ArgumentNullException.ThrowIfNull(roots);
        var problem = JwsReader.ReadSignedByChain(
            answerJws, MaxAnswerLength, ChallengeJws.AnswerType, BadgeJsonContext.Default.ChallengeAnswerPayload, algorithms ?? Default, roots, now,
            static (role, _) => role == "institution", out _, out var answer, out var signer);
        if (problem != JwsProblem.None)
        {
            return Fail(ChallengeJws.Reason(problem));
        }

        if (signer.OrganizationIdentifier is not { } signerUscc)
        {
            return Fail(ChallengeReasonCodes.ChainInvalid);
        }

        if (string.IsNullOrWhiteSpace(answer.Aud) || string.IsNullOrWhiteSpace(answer.ChallengeId) || string.IsNullOrWhiteSpace(answer.AccountId)
            || string.IsNullOrWhiteSpace(answer.Uscc) || string.IsNullOrWhiteSpace(answer.OperatorId) || answer.Decision is not ("approve" or "deny"))
        {
            return Fail(ChallengeReasonCodes.Malformed);
        }

        return new ChallengeConsentResult(new ChallengeConsent
        {
            Platform = answer.Aud,
            ChallengeId = answer.ChallengeId,
            AccountId = answer.AccountId,
            Uscc = answer.Uscc,
            OperatorId = answer.OperatorId,
            Approved = answer.Decision == "approve",
            SignedAt = DateTimeOffset.FromUnixTimeSeconds(answer.Iat),
            SignerUscc = signerUscc,
            SignerName = signer.OrganizationName,
            SignerSerialNumber = signer.SerialNumber,
        });
    }

    private static ChallengeConsentResult Fail(string reason) => new(reason);
}
