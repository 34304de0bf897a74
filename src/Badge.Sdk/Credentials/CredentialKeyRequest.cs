using System.Security.Cryptography;

namespace Badge.Sdk.Credentials;

/// <summary>A new credential key and the certificate signing request for it (<see cref="CredentialFile.CreateKey"/>).</summary>
public sealed class CredentialKeyRequest : IDisposable
{
    internal CredentialKeyRequest(ECDsa key, byte[] signingRequest)
    {
        Key = key;
        SigningRequest = signingRequest;
    }

    /// <summary>The P-256 private key; disposed with this object.</summary>
    public ECDsa Key { get; }

    /// <summary>The DER-encoded PKCS#10 request, for <c>ICredentialAuthorityClient.IssueCredentialAsync</c>.</summary>
    public byte[] SigningRequest { get; }

    /// <summary>Deconstructs into the key and the request.</summary>
    /// <param name="key">The key.</param>
    /// <param name="signingRequest">The request.</param>
    public void Deconstruct(out ECDsa key, out byte[] signingRequest)
    {
        key = Key;
        signingRequest = SigningRequest;
    }

    /// <inheritdoc />
    public void Dispose() => Key.Dispose();
}
