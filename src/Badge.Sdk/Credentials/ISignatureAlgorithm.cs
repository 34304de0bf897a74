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
