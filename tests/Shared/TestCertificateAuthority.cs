using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Badge.Sdk.TestData;

/// <summary>
/// An offline certificate authority shaped like the emulator's (P-256 root; leaves carrying the USCC as
/// organizationIdentifier and the role extension), for benchmarks and the native-AOT app that run without it.
/// </summary>
internal static class TestCertificateAuthority
{
    public const string RoleExtensionOid = "1.3.6.1.4.1.60000.1.1";

    public static X509Certificate2 CreateRoot()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Test Root, O=Authority, C=CN", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));
    }

    /// <summary>A leaf with its private key: <paramref name="role"/> is <c>institution</c> or <c>platform:&lt;id&gt;</c>.</summary>
    public static X509Certificate2 Issue(X509Certificate2 root, string role, string code, string name)
    {
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCountryOrRegion("CN");
        subject.Add("2.5.4.97", code, UniversalTagNumber.UTF8String);
        subject.AddOrganizationName(name);
        subject.AddCommonName(name);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteCharacterString(UniversalTagNumber.UTF8String, role);
        request.CertificateExtensions.Add(new X509Extension(RoleExtensionOid, writer.Encode(), critical: false));
        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(root, now.AddHours(-1), now.AddYears(1), RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }
}
