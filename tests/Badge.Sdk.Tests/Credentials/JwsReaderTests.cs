using Badge.Sdk.Tests.Certificates;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Badge.Sdk.Certificates;
using Badge.Sdk.Challenges;
using Badge.Sdk.Credentials;
using Badge.Sdk.Identity;
using Badge.Sdk.TestData;

namespace Badge.Sdk.Tests.Credentials;

// The one JWS reader, attacked the way an attacker would: a forged header, a swapped key, a stranger's chain.
public sealed class JwsReaderTests : IDisposable
{
    private const string Uscc = "11360922MB0001230X";
    private static readonly ISignatureAlgorithm[] Es256 = [Es256SignatureAlgorithm.Instance];
    private readonly X509Certificate2 _root = TestCertificateAuthority.CreateRoot();
    private readonly X509Certificate2 _administrator;

    public JwsReaderTests() => _administrator = TestCertificateAuthority.Issue(_root, "administrator:admin-1", Uscc, "万载县人民政府办公室");

    private X509Certificate2Collection Roots => [_root];

    private string Signed() => AdministratorSignature.SignAppointment(UnifiedSocialCreditCode.Parse(Uscc), "admin-2", _administrator, [], DateTimeOffset.UtcNow);

    private JwsProblem ReadByChain(string? jws, X509Certificate2Collection? roots = null, Func<string?, AdministratorRequestPayload, bool>? role = null, DateTimeOffset? now = null) =>
        JwsReader.ReadSignedByChain(
            jws, JwsReader.MaxLength, AdministratorSignature.Type, CredentialsJsonContext.Default.AdministratorRequestPayload, Es256, roots ?? Roots, now ?? DateTimeOffset.UtcNow,
            role ?? ((r, _) => r == "administrator:admin-1"), out _, out _, out _);

    private static string Header(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void ReadSignedByChain_AGenuineRequest_IsAccepted_WithTheSignerFromTheCertificate()
    {
        var problem = JwsReader.ReadSignedByChain(
            Signed(), JwsReader.MaxLength, AdministratorSignature.Type, CredentialsJsonContext.Default.AdministratorRequestPayload, Es256, Roots, DateTimeOffset.UtcNow,
            (r, _) => r == "administrator:admin-1", out var header, out var payload, out var signer);

        Assert.Equal(JwsProblem.None, problem);
        Assert.Equal(("ES256", "admin-2"), (header.Alg, payload.AdministratorId));
        Assert.Equal((Uscc, _administrator.SerialNumber), (signer.OrganizationIdentifier, signer.SerialNumber));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("None")]
    [InlineData("NONE")]
    [InlineData("HS256")]
    [InlineData("es256")]
    [InlineData("")]
    public void ReadSignedByChain_AnAlgorithmOffTheAllowList_IsRefusedBeforeAnyKeyIsTouched(string alg)
    {
        var parts = Signed().Split('.');
        var x5c = Convert.ToBase64String(_administrator.RawData);
        var forged = Header($$"""{"alg":"{{alg}}","typ":"{{AdministratorSignature.Type}}","x5c":["{{x5c}}"]}""") + "." + parts[1] + ".";

        Assert.Equal(JwsProblem.AlgorithmNotAllowed, ReadByChain(forged));
        Assert.Equal(JwsProblem.AlgorithmNotAllowed, ReadByChain(Header($$"""{"alg":"{{alg}}","typ":"{{AdministratorSignature.Type}}","x5c":["{{x5c}}"]}""") + "." + parts[1] + "." + parts[2]));
    }

    [Fact]
    public void ReadSignedByChain_NoAlgAtAll_IsRefused()
    {
        var parts = Signed().Split('.');

        Assert.Equal(JwsProblem.AlgorithmNotAllowed, ReadByChain(Header($$"""{"typ":"{{AdministratorSignature.Type}}"}""") + "." + parts[1] + "." + parts[2]));
    }

    [Fact]
    public void ReadSignedByChain_AChangedPayload_IsABadSignature()
    {
        var parts = Signed().Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Replace("admin-2", "admin-9", StringComparison.Ordinal);

        Assert.Equal(JwsProblem.BadSignature, ReadByChain(parts[0] + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload)) + "." + parts[2]));
    }

    [Fact]
    public void ReadSignedByChain_ASignatureThatIsNotBase64Url_IsABadSignature()
    {
        var parts = Signed().Split('.');

        Assert.Equal(JwsProblem.BadSignature, ReadByChain(parts[0] + "." + parts[1] + ".!!!"));
    }

    [Fact]
    public void ReadSignedByChain_SignedByACertificateOfAnotherRoot_IsChainInvalid()
    {
        using var strangerRoot = TestCertificateAuthority.CreateRoot();
        using var stranger = TestCertificateAuthority.Issue(strangerRoot, "administrator:admin-1", Uscc, "万载县人民政府办公室");
        var forged = AdministratorSignature.SignAppointment(UnifiedSocialCreditCode.Parse(Uscc), "admin-2", stranger, [strangerRoot], DateTimeOffset.UtcNow);

        Assert.Equal(JwsProblem.ChainInvalid, ReadByChain(forged));
    }

    [Fact]
    public void ReadSignedByChain_TheGenuineChainSwappedIntoAForgedHeader_IsABadSignature()
    {
        // The attacker signs with their own key but presents the real administrator's certificate in x5c.
        using var strangerRoot = TestCertificateAuthority.CreateRoot();
        using var stranger = TestCertificateAuthority.Issue(strangerRoot, "administrator:admin-1", Uscc, "万载县人民政府办公室");
        var forged = AdministratorSignature.SignAppointment(UnifiedSocialCreditCode.Parse(Uscc), "admin-2", stranger, [], DateTimeOffset.UtcNow).Split('.');
        var genuineHeader = Signed().Split('.')[0];

        Assert.Equal(JwsProblem.BadSignature, ReadByChain(genuineHeader + "." + forged[1] + "." + forged[2]));
    }

    [Fact]
    public void ReadSignedByChain_NoX5c_IsChainInvalid()
    {
        var parts = Signed().Split('.');

        Assert.Equal(JwsProblem.ChainInvalid, ReadByChain(Header($$"""{"alg":"ES256","typ":"{{AdministratorSignature.Type}}"}""") + "." + parts[1] + "." + parts[2]));
        Assert.Equal(JwsProblem.ChainInvalid, ReadByChain(Header($$"""{"alg":"ES256","typ":"{{AdministratorSignature.Type}}","x5c":["not-der"]}""") + "." + parts[1] + "." + parts[2]));
    }

    [Fact]
    public void ReadSignedByChain_AtATimeTheLeafIsNotValid_IsCertificateExpired()
    {
        Assert.Equal(JwsProblem.CertificateExpired, ReadByChain(Signed(), now: DateTimeOffset.UtcNow.AddYears(3)));
        Assert.Equal(JwsProblem.CertificateExpired, ReadByChain(Signed(), now: DateTimeOffset.UtcNow.AddDays(-2)));
    }

    [Fact]
    public void ReadSignedByChain_ARoleTheCallerDoesNotAccept_IsRefusedBeforeTheSignature()
    {
        Assert.Equal(JwsProblem.RoleNotAllowed, ReadByChain(Signed(), role: (r, _) => r == "institution"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData(".payload.signature")]
    [InlineData("e30.e30.")]
    public void ReadSignedByChain_NotACompactJwsOfTheType_IsMalformed(string text)
    {
        Assert.Equal(JwsProblem.Malformed, ReadByChain(text));
    }

    [Fact]
    public void ReadSignedByChain_AnotherTyp_IsMalformed()
    {
        var parts = Signed().Split('.');
        var x5c = Convert.ToBase64String(_administrator.RawData);

        Assert.Equal(JwsProblem.Malformed, ReadByChain(Header($$"""{"alg":"ES256","typ":"{{ChallengeJws.AnswerType}}","x5c":["{{x5c}}"]}""") + "." + parts[1] + "." + parts[2]));
    }

    [Fact]
    public void ReadSignedByChain_LongerThanTheLimit_IsMalformedWithoutDecoding()
    {
        Assert.Equal(JwsProblem.Malformed, ReadByChain(Signed() + new string('A', JwsReader.MaxLength)));
    }

    [Fact]
    public void ReadSignedByKey_AWrongKid_IsRefused_EvenWithAValidSignature()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest("CN=Authority", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var jws = AuthorityDocumentSigner.Sign(SampleCertificate(), key, "kid-1");

        Assert.Equal(JwsProblem.None, JwsReader.ReadSignedByKey<BadgeCertificate>(jws, JwsReader.MaxLength, BadgeCertificateSignature.MediaType, CertificatesJsonContext.Default.BadgeCertificate, Es256, certificate, "kid-1", out _));
        Assert.Equal(JwsProblem.WrongKey, JwsReader.ReadSignedByKey<BadgeCertificate>(jws, JwsReader.MaxLength, BadgeCertificateSignature.MediaType, CertificatesJsonContext.Default.BadgeCertificate, Es256, certificate, "kid-2", out _));
    }

    internal static BadgeCertificate SampleCertificate() => SampleCertificates.Website();

    public void Dispose()
    {
        _administrator.Dispose();
        _root.Dispose();
    }
}
