using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Badge.Sdk.Challenges;
using Badge.Sdk.Credentials;

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
    /// Anything but a well-formed ES256 JWS of the right type, with the expected <c>kid</c>, whose signature holds is refused.
    /// </summary>
    /// <param name="jws">The compact JWS.</param>
    /// <param name="authorityCertificate">The authority's signing certificate (from <see cref="AuthorityMetadata"/> or pinned).</param>
    /// <param name="keyId">
    /// The key id the document must name in its <c>kid</c> header (<see cref="AuthorityMetadata.KeyId"/>); <see langword="null"/>
    /// when the certificate is pinned and any <c>kid</c> is accepted.
    /// </param>
    /// <returns>The verified facts, or the reason (a code of <see cref="BadgeCertificateSignatureCodes"/>); never throws for a bad document.</returns>
    public static BadgeCertificateVerificationResult Verify(string? jws, X509Certificate2 authorityCertificate, string? keyId = null)
    {
        ArgumentNullException.ThrowIfNull(authorityCertificate);
        var problem = JwsReader.ReadSignedByKey(
            jws, JwsReader.MaxLength, MediaType, CertificatesJsonContext.Default.BadgeCertificate, Es256Only, authorityCertificate, keyId, out var certificate);
        return problem switch
        {
            JwsProblem.None => new BadgeCertificateVerificationResult(certificate),
            JwsProblem.AlgorithmNotAllowed => Fail(BadgeCertificateSignatureCodes.AlgorithmNotAllowed, "the algorithm is not allowed; only ES256 is"),
            JwsProblem.WrongKey => Fail(BadgeCertificateSignatureCodes.WrongKey, "the document names another key (kid), or the authority certificate holds no P-256 key"),
            JwsProblem.BadSignature => Fail(BadgeCertificateSignatureCodes.BadSignature, "the signature does not verify with the authority's certificate"),
            _ => Fail(BadgeCertificateSignatureCodes.Malformed, "not a compact JWS of type " + MediaType + " carrying a badge certificate"),
        };
    }

    private static readonly ISignatureAlgorithm[] Es256Only = [Es256SignatureAlgorithm.Instance];

    private static BadgeCertificateVerificationResult Fail(string reason, string message) => new(reason, message);

    internal static string Base64Url(ReadOnlySpan<byte> data) => System.Buffers.Text.Base64Url.EncodeToString(data);

    internal static byte[] Base64UrlDecode(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);
}
