using System.Security.Cryptography.X509Certificates;

namespace Badge.Sdk.Certificates;

/// <summary>What the authority publishes at <c>/.well-known/badge-authority</c>: who it is and the certificate it signs with.</summary>
public sealed record AuthorityMetadata
{
    /// <summary>The issuing office's name.</summary>
    public required string Issuer { get; init; }

    /// <summary>The signing certificate, DER, base64.</summary>
    public required string SigningCertificate { get; init; }

    /// <summary>The root certificate of the authority's CA (institution and platform credentials chain to it), DER, base64.</summary>
    public string? RootCertificate { get; init; }

    /// <summary>The key id signed documents carry in their <c>kid</c> header.</summary>
    public required string KeyId { get; init; }

    /// <summary>Loads <see cref="SigningCertificate"/>.</summary>
    /// <returns>The certificate; the caller disposes it.</returns>
    public X509Certificate2 LoadSigningCertificate() =>
        X509CertificateLoader.LoadCertificate(Convert.FromBase64String(SigningCertificate));
}
