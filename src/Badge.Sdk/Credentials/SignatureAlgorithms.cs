using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Badge.Sdk.Credentials;

/// <summary>
/// A JWS signature algorithm of the challenge protocol. ES256 (<see cref="Es256SignatureAlgorithm"/>) is built in
/// and the default; a national algorithm such as SM2 with SM3 is added by implementing this interface and listing
/// it in <c>ChallengeOptions.Algorithms</c> (the verifier's allow-list) and passing it to the signer.
/// </summary>
public interface ISignatureAlgorithm
{
    /// <summary>The JWS <c>alg</c> value (for example <c>ES256</c>).</summary>
    string Name { get; }

    /// <summary>Whether the certificate holds a private key this algorithm signs with.</summary>
    /// <param name="certificate">The signer's certificate.</param>
    /// <returns>Whether <see cref="Sign"/> can use it.</returns>
    bool CanSign(X509Certificate2 certificate);

    /// <summary>Signs the JWS signing input with the certificate's private key.</summary>
    /// <param name="certificate">The signer's certificate with its private key.</param>
    /// <param name="signingInput">The ASCII bytes of <c>header.payload</c>.</param>
    /// <returns>The signature as JWS encodes it.</returns>
    byte[] Sign(X509Certificate2 certificate, ReadOnlySpan<byte> signingInput);

    /// <summary>Prepares verification with a certificate's public key (kept by the verifier per signer).</summary>
    /// <param name="certificate">The signer's certificate.</param>
    /// <returns>The verifier, or <see langword="null"/> when the certificate's key is not for this algorithm.</returns>
    ISignatureVerifier? CreateVerifier(X509Certificate2 certificate);
}

/// <summary>Verifies signatures with one public key; safe to use from several threads.</summary>
public interface ISignatureVerifier
{
    /// <summary>Whether the signature over the signing input verifies.</summary>
    /// <param name="signingInput">The ASCII bytes of <c>header.payload</c>.</param>
    /// <param name="signature">The signature as JWS encodes it.</param>
    /// <returns>Whether it verifies.</returns>
    bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature);
}

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
