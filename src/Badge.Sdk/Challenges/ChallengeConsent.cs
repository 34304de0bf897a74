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

/// <summary>The outcome of reading a consent: valid with its facts, or a reason code of <see cref="ChallengeReasons"/>.</summary>
/// <param name="IsValid">Whether the answer's form, algorithm, chain, role and signature hold.</param>
/// <param name="Reason">The reason when not.</param>
/// <param name="Consent">The facts when valid.</param>
public sealed record ChallengeConsentResult(bool IsValid, string? Reason, ChallengeConsent? Consent);

/// <summary>
/// Reads a challenge answer as consent, with no challenge store: checks its form, the algorithm allow-list, the
/// chain to the given roots at <c>now</c>, that the signer is an institution credential, and the signature. What
/// needs the verifier's own records (revocation, grant, binding to the request being made, single use) is the
/// caller's to check with the returned facts; the authority does so before it issues a platform-account badge.
/// </summary>
public static class ChallengeConsentReader
{
    private const int MaxAnswerLength = 64 * 1024;
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
        if (string.IsNullOrEmpty(answerJws) || answerJws.Length > MaxAnswerLength
            || !ChallengeJws.TryRead(answerJws, BadgeJsonContext.Default.ChallengeAnswerPayload, out var header, out var answer, out var input, out var signature)
            || header.Typ != ChallengeJws.AnswerType)
        {
            return Fail(ChallengeReasons.Malformed);
        }

        var algorithm = (algorithms ?? Default).FirstOrDefault(a => a.Name == header.Alg);
        if (algorithm is null)
        {
            return Fail(ChallengeReasons.AlgorithmNotAllowed);
        }

        var certificates = ChallengeJws.Certificates(header);
        if (certificates is null)
        {
            return Fail(ChallengeReasons.ChainInvalid);
        }

        try
        {
            if (ChallengeJws.CheckChain(certificates, roots, now) is { } problem)
            {
                return Fail(problem);
            }

            var leaf = certificates[0];
            if (ChallengeJws.Role(leaf) != "institution" || ChallengeJws.OrganizationIdentifier(leaf) is not { } signerUscc)
            {
                return Fail(ChallengeReasons.ChainInvalid);
            }

            if (!ChallengeJws.VerifySignature(algorithm, leaf, input, signature))
            {
                return Fail(ChallengeReasons.BadSignature);
            }

            if (string.IsNullOrWhiteSpace(answer.Aud) || string.IsNullOrWhiteSpace(answer.ChallengeId) || string.IsNullOrWhiteSpace(answer.AccountId)
                || string.IsNullOrWhiteSpace(answer.Uscc) || string.IsNullOrWhiteSpace(answer.OperatorId) || answer.Decision is not ("approve" or "deny"))
            {
                return Fail(ChallengeReasons.Malformed);
            }

            return new ChallengeConsentResult(true, null, new ChallengeConsent
            {
                Platform = answer.Aud,
                ChallengeId = answer.ChallengeId,
                AccountId = answer.AccountId,
                Uscc = answer.Uscc,
                OperatorId = answer.OperatorId,
                Approved = answer.Decision == "approve",
                SignedAt = DateTimeOffset.FromUnixTimeSeconds(answer.Iat),
                SignerUscc = signerUscc,
                SignerName = ChallengeJws.OrganizationName(leaf),
                SignerSerialNumber = leaf.SerialNumber,
            });
        }
        finally
        {
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }
        }
    }

    private static ChallengeConsentResult Fail(string reason) => new(false, reason, null);
}
