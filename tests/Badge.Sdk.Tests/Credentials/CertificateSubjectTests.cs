using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Badge.Sdk.Credentials;
using Badge.Sdk.TestData;

namespace Badge.Sdk.Tests.Credentials;

// What every x5c verifier reads of a credential certificate: the institution's code, its name and the holder's role.
public sealed class CertificateSubjectTests : IDisposable
{
    private readonly X509Certificate2 _root = TestCertificateAuthority.CreateRoot();

    [Fact]
    public void ACredential_GivesItsCodeNameAndRole()
    {
        using var credential = TestCertificateAuthority.Issue(_root, "administrator:admin-a", "11360922MB0001230X", "万载县人民政府办公室");

        Assert.Equal(
            ("11360922MB0001230X", "万载县人民政府办公室", "administrator:admin-a"),
            (CertificateSubject.OrganizationIdentifier(credential), CertificateSubject.OrganizationName(credential), CertificateSubject.Role(credential)));
    }

    [Fact]
    public void ACertificateWithoutTheAttributes_GivesNull()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=stranger", key, HashAlgorithmName.SHA256);
        using var stranger = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        Assert.Equal<(string?, string?, string?)>((null, null, null), (CertificateSubject.OrganizationIdentifier(stranger), CertificateSubject.OrganizationName(stranger), CertificateSubject.Role(stranger)));
    }

    [Fact]
    public void ARoleExtensionThatIsNotAUtf8String_GivesNoRole()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=odd", key, HashAlgorithmName.SHA256);
        // An INTEGER where the UTF8String belongs: a role must not be read out of a value of another type.
        request.CertificateExtensions.Add(new X509Extension(CertificateSubject.RoleExtensionOid, [0x02, 0x01, 0x05], critical: false));
        using var odd = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        Assert.Null(CertificateSubject.Role(odd));
    }

    public void Dispose() => _root.Dispose();
}
