using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Badge.Sdk.Credentials;

/// <summary>ES256: ECDSA on P-256 with SHA-256, the signature as r‖s (RFC 7518 §3.4).</summary>
public sealed class Es256SignatureAlgorithm : ISignatureAlgorithm
{
    private Es256SignatureAlgorithm()
    {
    }

    /// <summary>The algorithm.</summary>
    public static Es256SignatureAlgorithm Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "ES256";

    /// <inheritdoc />
    public bool CanSign(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var key = certificate.GetECDsaPrivateKey();
        return key is not null && key.KeySize == 256;
    }

    /// <inheritdoc />
    public byte[] Sign(X509Certificate2 certificate, ReadOnlySpan<byte> signingInput)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var key = certificate.GetECDsaPrivateKey() ?? throw new ArgumentException("The certificate has no ECDSA private key.", nameof(certificate));
        return key.SignData(signingInput, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <inheritdoc />
    public ISignatureVerifier? CreateVerifier(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var key = certificate.GetECDsaPublicKey();
        if (key is null || key.KeySize != 256)
        {
            key?.Dispose();
            return null;
        }

        return new Verifier(key);
    }

    private sealed class Verifier(ECDsa key) : ISignatureVerifier
    {
        public bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature) =>
            signature.Length == 64 && key.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }
}
