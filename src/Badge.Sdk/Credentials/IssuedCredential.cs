using System.Security.Cryptography.X509Certificates;

namespace Badge.Sdk.Credentials;

/// <summary>A credential certificate issued by the authority's CA, with its chain.</summary>
public sealed record IssuedCredential
{
    /// <summary>The certificate's serial number, upper-case hexadecimal.</summary>
    public required string SerialNumber { get; init; }

    /// <summary>The certificate, DER, base64.</summary>
    public required string Certificate { get; init; }

    /// <summary>The chain above it, DER, base64: the issuing certificate, then the root.</summary>
    public required IReadOnlyList<string> Chain { get; init; }

    /// <summary>When the certificate expires.</summary>
    public required DateTimeOffset NotAfter { get; init; }

    /// <summary>Loads <see cref="Certificate"/>.</summary>
    /// <returns>The certificate (public part); the caller disposes it.</returns>
    public X509Certificate2 LoadCertificate() => X509CertificateLoader.LoadCertificate(Convert.FromBase64String(Certificate));

    /// <summary>Loads <see cref="Chain"/>.</summary>
    /// <returns>The issuing certificate and the root; the caller disposes them.</returns>
    public X509Certificate2Collection LoadChain()
    {
        var chain = new X509Certificate2Collection();
        foreach (var der in Chain)
        {
            chain.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(der)));
        }

        return chain;
    }
}
