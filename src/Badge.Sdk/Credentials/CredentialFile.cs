using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Badge.Sdk.Credentials;

/// <summary>
/// The institution credential as the credential app keeps it: a P-256 key and its certificate chain in a
/// PKCS#12 file (the credential file) protected by the certificate password (证书密码), PBES2 with AES-256-CBC and
/// PBKDF2-SHA256 at 200,000 iterations (within .NET's default PKCS#12 loader limits; a later version may raise it, and
/// files written before still open). The key derivation is the protection; a wrong password fails with
/// <see cref="CredentialPasswordException"/>.
/// </summary>
public static class CredentialFile
{
    // PBKDF2 iterations used when exporting; not public, so raising it needs no caller to recompile.
    internal const int Iterations = 200_000;

    /// <summary>Makes a new P-256 key and a certificate signing request for it.</summary>
    /// <returns>The key and the DER-encoded PKCS#10 request; dispose it to dispose the key.</returns>
    public static CredentialKeyRequest CreateKey()
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Badge credential request", key, HashAlgorithmName.SHA256);
        return new CredentialKeyRequest(key, request.CreateSigningRequest());
    }

    /// <summary>Exports a credential: the certificate with its key, and the chain above it.</summary>
    /// <param name="certificate">The issued certificate.</param>
    /// <param name="key">Its private key.</param>
    /// <param name="chain">The issuing certificate and the root.</param>
    /// <param name="password">The certificate password; at least 8 characters.</param>
    /// <returns>The PKCS#12 bytes.</returns>
    /// <exception cref="ArgumentException">The password is shorter than 8 characters.</exception>
    public static byte[] Export(X509Certificate2 certificate, ECDsa key, X509Certificate2Collection chain, string password)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(chain);
        if (string.IsNullOrEmpty(password) || password.Length < 8)
        {
            throw new ArgumentException("The certificate password must have at least 8 characters.", nameof(password));
        }

        using var withKey = certificate.CopyWithPrivateKey(key);
        var collection = new X509Certificate2Collection { withKey };
        collection.AddRange(chain);
        return collection.ExportPkcs12(new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, Iterations), password);
    }

    /// <summary>Opens a credential with its certificate password.</summary>
    /// <param name="pkcs12">The PKCS#12 bytes.</param>
    /// <param name="password">The certificate password.</param>
    /// <returns>The certificate with its private key and the other certificates in the file; dispose it to dispose them.</returns>
    /// <exception cref="CredentialPasswordException">The password is wrong (or the file is damaged).</exception>
    public static OpenedCredential Open(byte[] pkcs12, string password)
    {
        ArgumentNullException.ThrowIfNull(pkcs12);
        X509Certificate2Collection all;
        try
        {
            all = X509CertificateLoader.LoadPkcs12Collection(pkcs12, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException ex)
        {
            throw new CredentialPasswordException("The certificate password is wrong, or the credential file is damaged.", ex);
        }

        X509Certificate2? leaf = null;
        X509Certificate2Collection chain = [];
        foreach (var certificate in all)
        {
            if (leaf is null && certificate.HasPrivateKey)
            {
                leaf = certificate;
            }
            else
            {
                chain.Add(certificate);
            }
        }

        if (leaf is null)
        {
            foreach (var certificate in all)
            {
                certificate.Dispose();
            }

            throw new CredentialPasswordException("The credential file holds no private key.", null);
        }

        return new OpenedCredential(leaf, chain);
    }
}
