using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Badge.Sdk.Json;

namespace Badge.Sdk.Certificates;

/// <summary>
/// Verifies the authority's certificate documents: compact JWS (RFC 7515), ES256 over the certificate's JSON, so a
/// verifier can prove the facts came from the authority and not a look-alike page. Only the authority signs them.
/// </summary>
public static class BadgeCertificateSignature
{
    /// <summary>The <c>typ</c> header of a certificate document.</summary>
    public const string MediaType = "badge-certificate+jws";

    /// <summary>
    /// Verifies a certificate document against the authority's signing certificate and reads its facts.
    /// Anything but a well-formed ES256 JWS of the right type whose signature holds is refused.
    /// </summary>
    /// <param name="jws">The compact JWS.</param>
    /// <param name="authorityCertificate">The authority's signing certificate (from <see cref="AuthorityMetadata"/> or pinned).</param>
    /// <param name="certificate">The verified facts, or <see langword="null"/>.</param>
    /// <param name="failure">Why verification failed, or <see langword="null"/>.</param>
    /// <returns>Whether the document is genuine.</returns>
    public static bool TryVerify(string jws, X509Certificate2 authorityCertificate, out BadgeCertificate? certificate, out string? failure)
    {
        ArgumentNullException.ThrowIfNull(authorityCertificate);
        certificate = null;
        var parts = (jws ?? string.Empty).Split('.');
        if (parts.Length != 3)
        {
            failure = "not a compact JWS (three dot-separated parts)";
            return false;
        }

        JwsHeader? header;
        byte[] payload;
        byte[] signature;
        try
        {
            header = JsonSerializer.Deserialize(Base64UrlDecode(parts[0]), BadgeJsonContext.Default.JwsHeader);
            payload = Base64UrlDecode(parts[1]);
            signature = Base64UrlDecode(parts[2]);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            failure = "the JWS is malformed: " + ex.Message;
            return false;
        }

        if (header is not { Alg: "ES256" })
        {
            failure = $"algorithm '{header?.Alg}' is not allowed; only ES256 is";
            return false;
        }

        if (header.Typ != MediaType)
        {
            failure = $"type '{header.Typ}' is not a badge certificate document";
            return false;
        }

        using var key = authorityCertificate.GetECDsaPublicKey();
        if (key is null)
        {
            failure = "the authority certificate holds no ECDSA key";
            return false;
        }

        var signingInput = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        if (signature.Length != 64 || !key.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            failure = "the signature does not verify with the authority's certificate";
            return false;
        }

        try
        {
            certificate = JsonSerializer.Deserialize(payload, BadgeJsonContext.Default.BadgeCertificate);
        }
        catch (JsonException ex)
        {
            failure = "the signed payload is not a badge certificate: " + ex.Message;
            return false;
        }

        failure = certificate is null ? "the signed payload is empty" : null;
        return certificate is not null;
    }

    internal static string Base64Url(ReadOnlySpan<byte> data) => System.Buffers.Text.Base64Url.EncodeToString(data);

    internal static byte[] Base64UrlDecode(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);
}
