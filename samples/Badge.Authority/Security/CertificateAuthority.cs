using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Badge.Authority.Storage;

namespace Badge.Authority.Security;

/// <summary>
/// The emulator's small certificate authority: a root and an issuing certificate (ECDSA P-256), made on first
/// start and kept in the database. It issues institution credentials (the subject carries the unified social
/// credit code as organizationIdentifier, 2.5.4.97) and platform certificates (marked with the platform role).
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    /// <summary>The extension marking a badge credential's role: an institution or a platform.</summary>
    public const string RoleExtensionOid = "1.3.6.1.4.1.60000.1.1";

    /// <summary>The organizationIdentifier attribute (X.520), which carries the USCC.</summary>
    public const string OrganizationIdentifierOid = "2.5.4.97";

    private const string Setting = "ca-v1";
    private readonly ECDsa _issuingKey;
    private readonly TimeProvider _time;

    /// <summary>Loads or creates the root and issuing certificates.</summary>
    /// <param name="store">Where they are kept.</param>
    /// <param name="time">The clock.</param>
    public CertificateAuthority(IAuthorityStore store, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        _time = time;
        if (store.GetSetting(Setting) is null)
        {
            store.PutSettingIfAbsent(Setting, Create(time));
        }

        var parts = store.GetSetting(Setting)!.Split('|');
        Root = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(parts[0]));
        Issuing = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(parts[1]));
        _issuingKey = ECDsa.Create();
        _issuingKey.ImportPkcs8PrivateKey(Convert.FromBase64String(parts[2]), out _);
    }

    /// <summary>The root certificate verifiers trust.</summary>
    public X509Certificate2 Root { get; }

    /// <summary>The issuing certificate, signed by the root.</summary>
    public X509Certificate2 Issuing { get; }

    /// <summary>Issues a certificate for the key of a PKCS#10 request; the subject comes from the authority, not the request.</summary>
    /// <param name="csr">The DER-encoded request (its signature proves possession of the key).</param>
    /// <param name="subject">The subject to certify.</param>
    /// <param name="role">The role marked in the certificate, for example <c>institution</c> or <c>platform:weibo</c>.</param>
    /// <param name="validity">How long the certificate is valid.</param>
    /// <returns>The certificate.</returns>
    /// <exception cref="CryptographicException">The request is malformed, its signature does not hold, or its key is not P-256.</exception>
    public X509Certificate2 Issue(byte[] csr, X500DistinguishedName subject, string role, TimeSpan validity)
    {
        var request = CertificateRequest.LoadSigningRequest(csr, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.Default);
        using var key = request.PublicKey.GetECDsaPublicKey()
            ?? throw new CryptographicException("The request's key is not an ECDSA key.");
        if (key.KeySize != 256)
        {
            throw new CryptographicException($"The request's key is ECDSA with {key.KeySize} bits; a P-256 key is required.");
        }

        var certificate = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        certificate.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        certificate.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        certificate.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(certificate.PublicKey, critical: false));
        certificate.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Issuing, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteCharacterString(UniversalTagNumber.UTF8String, role);
        certificate.CertificateExtensions.Add(new X509Extension(RoleExtensionOid, writer.Encode(), critical: false));
        var now = _time.GetUtcNow();
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        var generator = X509SignatureGenerator.CreateForECDsa(_issuingKey);
        return certificate.Create(Issuing.SubjectName, generator, now.AddMinutes(-5), now + validity, serial);
    }

    /// <summary>Builds the subject of an institution credential.</summary>
    /// <param name="uscc">The unified social credit code.</param>
    /// <param name="name">The institution's name.</param>
    /// <returns>The distinguished name: CN and O the name, organizationIdentifier the code, C=CN.</returns>
    public static X500DistinguishedName InstitutionSubject(string uscc, string name)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCountryOrRegion("CN");
        builder.AddOrganizationName(name);
        builder.Add(OrganizationIdentifierOid, uscc, UniversalTagNumber.UTF8String);
        builder.AddCommonName(name);
        return builder.Build();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _issuingKey.Dispose();
        Root.Dispose();
        Issuing.Dispose();
    }

    private static string Create(TimeProvider time)
    {
        var now = time.GetUtcNow();
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest("CN=Badge authority emulator root, O=Badge.Sdk emulator, C=CN", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 1, critical: true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, critical: false));
        using var root = rootRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(20));

        using var issuingKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var issuingRequest = new CertificateRequest("CN=Badge authority emulator issuing CA, O=Badge.Sdk emulator, C=CN", issuingKey, HashAlgorithmName.SHA256);
        issuingRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, critical: true));
        issuingRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        issuingRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(issuingRequest.PublicKey, critical: false));
        issuingRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issuing = issuingRequest.Create(root, now.AddDays(-1), now.AddYears(10), serial);
        return string.Join('|', Convert.ToBase64String(root.RawData), Convert.ToBase64String(issuing.RawData), Convert.ToBase64String(issuingKey.ExportPkcs8PrivateKey()));
    }
}
