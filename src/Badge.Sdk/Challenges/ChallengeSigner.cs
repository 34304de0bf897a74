using System.Security.Cryptography.X509Certificates;
using Badge.Sdk.Json;
using Badge.Sdk.Platforms;

namespace Badge.Sdk.Challenges;

/// <summary>What the credential app shows before asking for the certificate password.</summary>
/// <param name="ChallengeId">The challenge.</param>
/// <param name="Platform">The platform.</param>
/// <param name="PlatformName">The platform's name, from its certificate.</param>
/// <param name="MaskedAccount">The account, masked.</param>
/// <param name="Action">What is being authorized.</param>
/// <param name="DisplayCode">The code the platform's page shows too.</param>
/// <param name="ExpiresAt">When the request expires.</param>
public sealed record ChallengeRequestView(string ChallengeId, PlatformId Platform, string PlatformName, string MaskedAccount, string Action, string DisplayCode, DateTimeOffset ExpiresAt);

/// <summary>The credential app refused a request; the reason is a code of <see cref="ChallengeReasons"/>.</summary>
public sealed class ChallengeSignException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">The reason code.</param>
    /// <param name="message">What is wrong, for the person using the app.</param>
    public ChallengeSignException(string reason, string message)
        : base(message) => Reason = reason;

    /// <summary>The reason code.</summary>
    public string Reason { get; }
}

/// <summary>
/// The credential side: checks a platform's signed request (chain to the authority root, platform role, not
/// expired, for this institution's code) and answers it with a compact JWS (ES256 by default, x5c) bound to the platform,
/// the account, the code, the operator, the nonce and the hash of the exact request shown.
/// </summary>
public static class ChallengeSigner
{
    /// <summary>Checks a request and returns what to show the operator.</summary>
    /// <param name="requestJws">The request the app fetched.</param>
    /// <param name="credential">The institution's credential certificate.</param>
    /// <param name="roots">The authority root(s).</param>
    /// <param name="now">The app's clock.</param>
    /// <param name="algorithms">The accepted signature algorithms; default ES256 only.</param>
    /// <returns>What to show.</returns>
    /// <exception cref="ChallengeSignException">The request is not from a registered platform, is expired, or is for another institution.</exception>
    public static ChallengeRequestView Inspect(
        string requestJws, X509Certificate2 credential, X509Certificate2Collection roots, DateTimeOffset now, IReadOnlyList<IChallengeSignatureAlgorithm>? algorithms = null)
    {
        var payload = Check(requestJws, credential, roots, now, algorithms ?? Default);
        if (!PlatformId.TryParse(payload.Platform, out var platform))
        {
            throw new ChallengeSignException(ChallengeReasons.Malformed, "This QR code does not name a valid platform.");
        }

        var account = payload.AccountId!;
        var masked = account.Length <= 4 ? new string('*', account.Length) : account[..2] + new string('*', account.Length - 4) + account[^2..];
        return new ChallengeRequestView(payload.Id!, platform, payload.PlatformName ?? platform.Value, masked, payload.Action ?? "certify-account", payload.DisplayCode!, DateTimeOffset.FromUnixTimeSeconds(payload.Exp));
    }

    /// <summary>Answers a request: approves it, or declines with a signed deny.</summary>
    /// <param name="requestJws">The request the app fetched and showed.</param>
    /// <param name="credential">The institution's credential certificate with its private key (opened with the certificate password).</param>
    /// <param name="chain">The chain above it.</param>
    /// <param name="roots">The authority root(s).</param>
    /// <param name="operatorId">The operator using the app.</param>
    /// <param name="approve">Approve, or decline.</param>
    /// <param name="now">The app's clock.</param>
    /// <param name="algorithms">The accepted algorithms; the answer is signed with the first that can use the credential's key. Default ES256 only.</param>
    /// <returns>The compact JWS answer.</returns>
    /// <exception cref="ChallengeSignException">The request is refused (see <see cref="Inspect"/>).</exception>
    public static string Answer(
        string requestJws, X509Certificate2 credential, X509Certificate2Collection chain, X509Certificate2Collection roots, string operatorId, bool approve, DateTimeOffset now,
        IReadOnlyList<IChallengeSignatureAlgorithm>? algorithms = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operatorId);
        algorithms ??= Default;
        var payload = Check(requestJws, credential, roots, now, algorithms);
        var answer = new ChallengeAnswerPayload
        {
            Aud = payload.Platform,
            ChallengeId = payload.Id,
            AccountId = payload.AccountId,
            Uscc = payload.Uscc,
            OperatorId = operatorId,
            Nonce = payload.Nonce,
            RequestHash = ChallengeJws.Hash(requestJws),
            Decision = approve ? "approve" : "deny",
            Iat = now.ToUnixTimeSeconds(),
        };
        return ChallengeJws.Sign(answer, BadgeJsonContext.Default.ChallengeAnswerPayload, ChallengeJws.AnswerType, credential, chain, ChallengeJws.SigningAlgorithm(algorithms, credential));
    }

    private static readonly IChallengeSignatureAlgorithm[] Default = [Es256SignatureAlgorithm.Instance];

    private static ChallengeRequestPayload Check(
        string requestJws, X509Certificate2 credential, X509Certificate2Collection roots, DateTimeOffset now, IReadOnlyList<IChallengeSignatureAlgorithm> algorithms)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(roots);
        if (!ChallengeJws.TryRead(requestJws, BadgeJsonContext.Default.ChallengeRequestPayload, out var header, out var payload, out var input, out var signature)
            || header.Typ != ChallengeJws.RequestType)
        {
            throw new ChallengeSignException(ChallengeReasons.Malformed, "This QR code does not lead to a badge request.");
        }

        var algorithm = algorithms.FirstOrDefault(a => a.Name == header.Alg);
        if (algorithm is null)
        {
            throw new ChallengeSignException(ChallengeReasons.AlgorithmNotAllowed, $"The request uses algorithm '{header.Alg}', which is not allowed.");
        }

        var certificates = ChallengeJws.Certificates(header);
        var chainProblem = certificates is null ? ChallengeReasons.ChainInvalid : ChallengeJws.CheckChain(certificates, roots, now);
        if (certificates is null || chainProblem is not null)
        {
            throw chainProblem == ChallengeReasons.CertificateExpired
                ? new ChallengeSignException(ChallengeReasons.CertificateExpired, "The platform's certificate has expired or is not yet valid; the platform must renew it.")
                : new ChallengeSignException(ChallengeReasons.ChainInvalid, "The request is not signed by a platform the authority registered.");
        }

        if (ChallengeJws.Role(certificates[0]) is not { } role || role != "platform:" + payload.Platform)
        {
            throw new ChallengeSignException(ChallengeReasons.ChainInvalid, $"The request's signer is not the platform '{payload.Platform}'.");
        }

        if (!ChallengeJws.VerifySignature(algorithm, certificates[0], input, signature))
        {
            throw new ChallengeSignException(ChallengeReasons.BadSignature, "The request's signature does not verify.");
        }

        if (now.ToUnixTimeSeconds() > payload.Exp)
        {
            throw new ChallengeSignException(ChallengeReasons.Expired, "The request has expired; ask the platform for a new QR code.");
        }

        if (ChallengeJws.OrganizationIdentifier(credential) != payload.Uscc)
        {
            throw new ChallengeSignException(ChallengeReasons.UsccMismatch, "单位名称或统一社会信用代码不一致: the request is for another institution's code.");
        }

        return payload;
    }
}
