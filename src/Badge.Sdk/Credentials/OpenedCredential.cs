using System.Security.Cryptography.X509Certificates;

namespace Badge.Sdk.Credentials;

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
