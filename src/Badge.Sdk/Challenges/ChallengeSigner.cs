using System.Security.Cryptography.X509Certificates;
using Badge.Sdk.Credentials;
using Badge.Sdk.Identity;

namespace Badge.Sdk.Challenges;

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
        string requestJws, X509Certificate2 credential, X509Certificate2Collection roots, DateTimeOffset now, IReadOnlyList<ISignatureAlgorithm>? algorithms = null)
    {
        var payload = Check(requestJws, credential, roots, now, algorithms ?? Default);
        if (!PlatformId.TryParse(payload.Platform, out var platform))
        {
            throw new ChallengeSignException(ChallengeReasonCodes.Malformed, "This QR code does not name a valid platform.");
        }

        var account = payload.AccountId!;
        var masked = account.Length <= 4 ? new string('*', account.Length) : account[..2] + new string('*', account.Length - 4) + account[^2..];
        return new ChallengeRequestView(payload.Id!, platform, payload.PlatformName ?? platform.Value, masked, payload.Action ?? "certify-account", payload.DisplayCode!, DateTimeOffset.FromUnixTimeSeconds(payload.Exp));
    }

    /// <summary>Approves a request: the institution consents that the platform certifies the account.</summary>
    /// <param name="request">The request shown, the credential that signs, the operator and the app's clock.</param>
    /// <returns>The compact JWS answer.</returns>
    /// <exception cref="ChallengeSignException">The request is refused (see <see cref="Inspect"/>).</exception>
    public static string Approve(ChallengeAnswerRequest request) => Answer(request, "approve");

    /// <summary>Declines a request with a signed deny: the platform ends the challenge as denied.</summary>
    /// <param name="request">The request shown, the credential that signs, the operator and the app's clock.</param>
    /// <returns>The compact JWS answer.</returns>
    /// <exception cref="ChallengeSignException">The request is refused (see <see cref="Inspect"/>).</exception>
    public static string Deny(ChallengeAnswerRequest request) => Answer(request, "deny");

    private static string Answer(ChallengeAnswerRequest request, string decision)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.OperatorId, nameof(request));
        ArgumentNullException.ThrowIfNull(request.Chain, nameof(request));
        var algorithms = request.Algorithms ?? Default;
        var payload = Check(request.RequestJws, request.Credential, request.Roots, request.Now, algorithms);
        var answer = new ChallengeAnswerPayload
        {
            Aud = payload.Platform,
            ChallengeId = payload.Id,
            AccountId = payload.AccountId,
            Uscc = payload.Uscc,
            OperatorId = request.OperatorId,
            Nonce = payload.Nonce,
            RequestHash = ChallengeJws.Hash(request.RequestJws),
            Decision = decision,
            Iat = request.Now.ToUnixTimeSeconds(),
        };
        return JwsWriter.Sign(
            answer, ChallengesJsonContext.Default.ChallengeAnswerPayload, ChallengeJws.AnswerType, request.Credential, request.Chain, JwsWriter.SigningAlgorithm(algorithms, request.Credential));
    }

    private static readonly ISignatureAlgorithm[] Default = [Es256SignatureAlgorithm.Instance];

    private static ChallengeRequestPayload Check(
        string requestJws, X509Certificate2 credential, X509Certificate2Collection roots, DateTimeOffset now, IReadOnlyList<ISignatureAlgorithm> algorithms)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(roots);
        var problem = JwsReader.ReadSignedByChain(
            requestJws, JwsReader.MaxLength, ChallengeJws.RequestType, ChallengesJsonContext.Default.ChallengeRequestPayload, algorithms, roots, now,
            static (role, request) => role is not null && request.Platform is not null && role == "platform:" + request.Platform, out var header, out var payload, out _);
        switch (problem)
        {
            case JwsProblem.None:
                break;
            case JwsProblem.AlgorithmNotAllowed:
                throw new ChallengeSignException(ChallengeReasonCodes.AlgorithmNotAllowed, $"The request uses algorithm '{header.Alg}', which is not allowed.");
            case JwsProblem.CertificateExpired:
                throw new ChallengeSignException(ChallengeReasonCodes.CertificateExpired, "The platform's certificate has expired or is not yet valid; the platform must renew it.");
            case JwsProblem.ChainInvalid:
                throw new ChallengeSignException(ChallengeReasonCodes.ChainInvalid, "The request is not signed by a platform the authority registered.");
            case JwsProblem.RoleNotAllowed:
                throw new ChallengeSignException(ChallengeReasonCodes.ChainInvalid, $"The request's signer is not the platform '{payload.Platform}'.");
            case JwsProblem.BadSignature:
                throw new ChallengeSignException(ChallengeReasonCodes.BadSignature, "The request's signature does not verify.");
            default:
                throw new ChallengeSignException(ChallengeReasonCodes.Malformed, "This QR code does not lead to a badge request.");
        }

        if (now.ToUnixTimeSeconds() > payload.Exp)
        {
            throw new ChallengeSignException(ChallengeReasonCodes.Expired, "The request has expired; ask the platform for a new QR code.");
        }

        if (CertificateSubject.OrganizationIdentifier(credential) != payload.Uscc)
        {
            throw new ChallengeSignException(ChallengeReasonCodes.UsccMismatch, "单位名称或统一社会信用代码不一致: the request is for another institution's code.");
        }

        return payload;
    }
}
