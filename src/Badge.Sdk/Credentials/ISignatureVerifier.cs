namespace Badge.Sdk.Credentials;

/// <summary>Verifies signatures with one public key; safe to use from several threads.</summary>
public interface ISignatureVerifier
{
    /// <summary>Whether the signature over the signing input verifies.</summary>
    /// <param name="signingInput">The ASCII bytes of <c>header.payload</c>.</param>
    /// <param name="signature">The signature as JWS encodes it.</param>
    /// <returns>Whether it verifies.</returns>
    bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature);
}
