using System.Security.Cryptography.X509Certificates;
using Badge.Sdk.Credentials;
using Badge.Sdk.Identity;

namespace Badge.Sdk.Challenges;

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
            answerJws, MaxAnswerLength, ChallengeJws.AnswerType, ChallengesJsonContext.Default.ChallengeAnswerPayload, algorithms ?? Default, roots, now,
            static (role, _) => role == "institution", out _, out var answer, out var signer);
        if (problem != JwsProblem.None)
        {
            return Fail(ChallengeJws.Reason(problem));
        }

        if (!UnifiedSocialCreditCode.TryParse(signer.OrganizationIdentifier, out var signerUscc))
        {
            return Fail(ChallengeReasonCodes.ChainInvalid);
        }

        if (string.IsNullOrWhiteSpace(answer.Aud) || string.IsNullOrWhiteSpace(answer.ChallengeId) || string.IsNullOrWhiteSpace(answer.AccountId)
            || string.IsNullOrWhiteSpace(answer.OperatorId) || answer.Decision is not ("approve" or "deny")
            || !PlatformId.TryParse(answer.Aud, out var platform) || !UnifiedSocialCreditCode.TryParse(answer.Uscc, out var uscc))
        {
            return Fail(ChallengeReasonCodes.Malformed);
        }

        return new ChallengeConsentResult(new ChallengeConsent
        {
            Platform = platform,
            ChallengeId = answer.ChallengeId,
            AccountId = answer.AccountId,
            Uscc = uscc,
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
