using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Badge.Sdk.Certificates;
using Badge.Sdk.Credentials;

namespace Badge.Sdk.Challenges;

internal sealed record ChallengeJwsHeader
{
    public string? Alg { get; init; }

    public string? Typ { get; init; }

    public IReadOnlyList<string>? X5c { get; init; }
}

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
        var header = JsonSerializer.SerializeToUtf8Bytes(new ChallengeJwsHeader { Alg = algorithm.Name, Typ = typ, X5c = x5c }, Json.BadgeJsonContext.Default.ChallengeJwsHeader);
        var body = JsonSerializer.SerializeToUtf8Bytes(payload, type);
        var input = BadgeCertificateSignature.Base64Url(header) + "." + BadgeCertificateSignature.Base64Url(body);
        var signature = algorithm.Sign(signer, Encoding.ASCII.GetBytes(input));
        return input + "." + BadgeCertificateSignature.Base64Url(signature);
    }

    public static bool TryRead<T>(string jws, JsonTypeInfo<T> type, out ChallengeJwsHeader header, out T payload, out byte[] signingInput, out byte[] signature)
    {
        header = new ChallengeJwsHeader();
        payload = default!;
        signingInput = [];
        signature = [];
        var parts = (jws ?? string.Empty).Split('.');
        if (parts.Length != 3)
        {
            return false;
        }

        try
        {
            header = JsonSerializer.Deserialize(BadgeCertificateSignature.Base64UrlDecode(parts[0]), Json.BadgeJsonContext.Default.ChallengeJwsHeader) ?? header;
            payload = JsonSerializer.Deserialize(BadgeCertificateSignature.Base64UrlDecode(parts[1]), type)!;
            signingInput = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            // An undecodable signature is a bad signature, judged after the header (so `alg` is checked first).
            signature = TryDecode(parts[2]);
            return payload is not null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return false;
        }
    }

    private static byte[] TryDecode(string part)
    {
        try
        {
            return part.Length == 0 ? [] : BadgeCertificateSignature.Base64UrlDecode(part);
        }
        catch (FormatException)
        {
            return [];
        }
    }

    public static X509Certificate2Collection? Certificates(ChallengeJwsHeader header)
    {
        if (header.X5c is not { Count: > 0 } x5c)
        {
            return null;
        }

        try
        {
            var collection = new X509Certificate2Collection();
            foreach (var der in x5c)
            {
                collection.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(der)));
            }

            return collection;
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return null;
        }
    }

    public static bool VerifySignature(ISignatureAlgorithm algorithm, X509Certificate2 signer, byte[] signingInput, byte[] signature) =>
        algorithm.CreateVerifier(signer)?.Verify(signingInput, signature) == true;

    // The algorithm that signs with this certificate, first in the list that can.
    public static ISignatureAlgorithm SigningAlgorithm(IEnumerable<ISignatureAlgorithm> algorithms, X509Certificate2 certificate) =>
        algorithms.FirstOrDefault(a => a.CanSign(certificate))
        ?? throw new ArgumentException("No configured signature algorithm can sign with this certificate's key (ES256 needs a P-256 ECDSA private key).", nameof(certificate));

    // Builds the chain to one of the roots at the given time; reports an expired leaf on its own.
    public static string? CheckChain(X509Certificate2Collection certificates, X509Certificate2Collection roots, DateTimeOffset now) =>
        CheckChain(certificates, roots, now, out _, out _);

    // The same, with the window in which every certificate of the built chain (root included) is valid. Never
    // downloads a missing issuer from a URL in the certificate: a verifier must not make requests an attacker names.
    public static string? CheckChain(
        X509Certificate2Collection certificates, X509Certificate2Collection roots, DateTimeOffset now, out DateTimeOffset validFrom, out DateTimeOffset validUntil)
    {
        validFrom = DateTimeOffset.MinValue;
        validUntil = DateTimeOffset.MinValue;
        var leaf = certificates[0];
        if (now < leaf.NotBefore.ToUniversalTime() || now > leaf.NotAfter.ToUniversalTime())
        {
            return ChallengeReasons.CertificateExpired;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        for (var i = 1; i < certificates.Count; i++)
        {
            chain.ChainPolicy.ExtraStore.Add(certificates[i]);
        }

        if (!chain.Build(leaf))
        {
            return ChallengeReasons.ChainInvalid;
        }

        validFrom = chain.ChainElements.Max(e => e.Certificate.NotBefore.ToUniversalTime());
        validUntil = chain.ChainElements.Min(e => e.Certificate.NotAfter.ToUniversalTime());
        return null;
    }

    public static string Hash(string requestJws) => BadgeCertificateSignature.Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(requestJws)));

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
