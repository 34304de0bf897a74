using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Badge.Sdk.Json;
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

// Compact JWS (RFC 7515) with the signer's chain in x5c; ES256 unless another algorithm is given.
internal static class ChallengeJws
{
    public const string RequestType = "badge-challenge-request+jws";
    public const string AnswerType = "badge-challenge-answer+jws";

    public static string Sign<T>(T payload, JsonTypeInfo<T> type, string typ, X509Certificate2 signer, X509Certificate2Collection chain, ISignatureAlgorithm algorithm)
    {
        var x5c = new List<string> { Convert.ToBase64String(signer.RawData) };
        x5c.AddRange(chain.Where(c => c.SubjectName.RawData.AsSpan().SequenceEqual(c.IssuerName.RawData) is false).Select(c => Convert.ToBase64String(c.RawData)));
        var header = JsonSerializer.SerializeToUtf8Bytes(new JwsHeader { Alg = algorithm.Name, Typ = typ, X5c = x5c }, BadgeJsonContext.Default.JwsHeader);
        var body = JsonSerializer.SerializeToUtf8Bytes(payload, type);
        var input = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(body);
        var signature = algorithm.Sign(signer, Encoding.ASCII.GetBytes(input));
        return input + "." + Base64Url.EncodeToString(signature);
    }

    // The algorithm that signs with this certificate, first in the list that can.
    public static ISignatureAlgorithm SigningAlgorithm(IEnumerable<ISignatureAlgorithm> algorithms, X509Certificate2 certificate) =>
        algorithms.FirstOrDefault(a => a.CanSign(certificate))
        ?? throw new ArgumentException("No configured signature algorithm can sign with this certificate's key (ES256 needs a P-256 ECDSA private key).", nameof(certificate));

    // The challenge protocol's reason code for a problem of the shared JWS reader.
    public static string Reason(JwsProblem problem) => problem switch
    {
        JwsProblem.AlgorithmNotAllowed => ChallengeReasonCodes.AlgorithmNotAllowed,
        JwsProblem.CertificateExpired => ChallengeReasonCodes.CertificateExpired,
        JwsProblem.ChainInvalid or JwsProblem.RoleNotAllowed or JwsProblem.WrongKey => ChallengeReasonCodes.ChainInvalid,
        JwsProblem.BadSignature => ChallengeReasonCodes.BadSignature,
        _ => ChallengeReasonCodes.Malformed,
    };

    public static string Hash(string requestJws) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(requestJws)));

    public static string? OrganizationIdentifier(X509Certificate2 certificate) => Attribute(certificate, "2.5.4.97");

    public static string? OrganizationName(X509Certificate2 certificate) => Attribute(certificate, "2.5.4.10");

    public static string? Role(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions["1.3.6.1.4.1.60000.1.1"];
        if (extension is null)
        {
            return null;
        }

        try
        {
            return new System.Formats.Asn1.AsnReader(extension.RawData, System.Formats.Asn1.AsnEncodingRules.DER).ReadCharacterString(System.Formats.Asn1.UniversalTagNumber.UTF8String);
        }
        catch (System.Formats.Asn1.AsnContentException)
        {
            return null;
        }
    }

    private static string? Attribute(X509Certificate2 certificate, string oid)
    {
        foreach (var rdn in certificate.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            if (!rdn.HasMultipleElements && rdn.GetSingleElementType().Value == oid)
            {
                return rdn.GetSingleElementValue();
            }
        }

        return null;
    }
}
