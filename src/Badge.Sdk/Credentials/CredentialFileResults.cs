using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

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

/// <summary>A credential file opened with its certificate password (<see cref="CredentialFile.Open"/>).</summary>
public sealed class OpenedCredential : IDisposable
{
    internal OpenedCredential(X509Certificate2 certificate, X509Certificate2Collection chain)
    {
        Certificate = certificate;
        Chain = chain;
    }

    /// <summary>The credential certificate with its private key; disposed with this object.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The other certificates in the file (issuing, root); disposed with this object.</summary>
    public X509Certificate2Collection Chain { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Certificate.Dispose();
        foreach (var certificate in Chain)
        {
            certificate.Dispose();
        }
    }
}
