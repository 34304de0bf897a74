using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Badge.Sdk.Credentials;

namespace Badge.Sdk.Challenges;

internal sealed record ChallengeRequestPayload
{
    public string? Id { get; init; }

    public string? Platform { get; init; }

    public string? PlatformName { get; init; }

    public string? AccountId { get; init; }

    public string? Uscc { get; init; }

    public string? Name { get; init; }

    public string? Nonce { get; init; }

    public string? DisplayCode { get; init; }

    public string? Action { get; init; }

    public long Iat { get; init; }

    public long Exp { get; init; }
}

internal sealed record ChallengeAnswerPayload
{
    public string? Aud { get; init; }

    public string? ChallengeId { get; init; }

    public string? AccountId { get; init; }

    public string? Uscc { get; init; }

    public string? OperatorId { get; init; }

    public string? Nonce { get; init; }

    public string? RequestHash { get; init; }

    public string? Decision { get; init; }

    public long Iat { get; init; }
}

// The challenge protocol's JWS types, request hash and reason codes; signing and reading are Credentials' JwsWriter and
// JwsReader, the signer's institution and role come from CertificateSubject.
internal static class ChallengeJws
{
    public const string RequestType = "badge-challenge-request+jws";
    public const string AnswerType = "badge-challenge-answer+jws";

    private static readonly JwsReasonCodes Codes = new(
        ChallengeReasonCodes.Malformed, ChallengeReasonCodes.AlgorithmNotAllowed, ChallengeReasonCodes.ChainInvalid,
        ChallengeReasonCodes.CertificateExpired, ChallengeReasonCodes.BadSignature);

    // The challenge protocol's reason code for a problem of the shared JWS reader.
    public static string Reason(JwsProblem problem) => Codes.For(problem);

    public static string Hash(string requestJws) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(requestJws)));
}
