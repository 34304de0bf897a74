using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Badge.Sdk.Certificates;
using Badge.Sdk.TestData;

namespace Badge.Sdk.Tests.Certificates;

public sealed class BadgeCertificateSignatureTests : IDisposable
{
    private const string KeyId = "authority-key-1";
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _authority;

    public BadgeCertificateSignatureTests() =>
        _authority = new CertificateRequest("CN=Badge Authority", _key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

    private string Signed() => AuthorityDocumentSigner.Sign(SampleCertificates.Website(), _key, KeyId);

    [Fact]
    public void Verify_AGenuineDocument_GivesItsFacts()
    {
        var result = BadgeCertificateSignature.Verify(Signed(), _authority, KeyId);

        Assert.True(result.IsValid, result.Message);
        Assert.Equal("bdg-0123456789abcdef0123", result.Certificate.BadgeId);
        Assert.Null(result.Reason);
    }

    [Fact]
    public void Verify_AForgedBadgeId_IsABadSignature()
    {
        var parts = Signed().Split('.');
        var genuine = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1]));
        var payload = genuine.Replace("bdg-0123456789abcdef0123", "bdg-ffffffffffffffffffff", StringComparison.Ordinal);
        Assert.NotEqual(genuine, payload);

        var result = BadgeCertificateSignature.Verify(parts[0] + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload)) + "." + parts[2], _authority, KeyId);

        Assert.Equal((false, BadgeCertificateSignatureCodes.BadSignature), (result.IsValid, result.Reason));
        Assert.Null(result.Certificate);
    }

    [Theory]
    [InlineData("none", "")]
    [InlineData("none", "keep")]
    [InlineData("HS256", "keep")]
    [InlineData("ES384", "keep")]
    public void Verify_AnotherAlgorithm_IsRefused(string alg, string signature)
    {
        var parts = Signed().Split('.');
        var header = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($$"""{"alg":"{{alg}}","typ":"{{BadgeCertificateSignature.MediaType}}","kid":"{{KeyId}}"}"""));

        var result = BadgeCertificateSignature.Verify(header + "." + parts[1] + "." + (signature == "keep" ? parts[2] : signature), _authority, KeyId);

        Assert.Equal((false, BadgeCertificateSignatureCodes.AlgorithmNotAllowed), (result.IsValid, result.Reason));
    }

    [Fact]
    public void Verify_SignedByAnotherKeyUnderAnotherKid_IsWrongKey_AndWithoutAKidABadSignature()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var forged = AuthorityDocumentSigner.Sign(SampleCertificates.Website(), other, "evil");

        Assert.Equal(BadgeCertificateSignatureCodes.WrongKey, BadgeCertificateSignature.Verify(forged, _authority, KeyId).Reason);
        Assert.Equal(BadgeCertificateSignatureCodes.BadSignature, BadgeCertificateSignature.Verify(forged, _authority).Reason);
    }

    [Fact]
    public void Verify_SignedByAnotherKeyClaimingTheAuthoritysKid_IsABadSignature()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var result = BadgeCertificateSignature.Verify(AuthorityDocumentSigner.Sign(SampleCertificates.Website(), other, KeyId), _authority, KeyId);

        Assert.Equal(BadgeCertificateSignatureCodes.BadSignature, result.Reason);
    }

    [Fact]
    public void Verify_AnAuthorityCertificateWithoutAP256Key_IsWrongKey()
    {
        using var rsa = RSA.Create(2048);
        using var rsaCertificate = new CertificateRequest("CN=Not EC", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        Assert.Equal(BadgeCertificateSignatureCodes.WrongKey, BadgeCertificateSignature.Verify(Signed(), rsaCertificate, KeyId).Reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("only.two")]
    [InlineData("e30.e30.e30")]
    public void Verify_NotACertificateDocument_IsMalformed_AndNeverThrows(string? jws)
    {
        var result = BadgeCertificateSignature.Verify(jws, _authority, KeyId);

        Assert.Equal((false, BadgeCertificateSignatureCodes.Malformed), (result.IsValid, result.Reason));
        Assert.False(string.IsNullOrEmpty(result.Message));
    }

    public void Dispose()
    {
        _authority.Dispose();
        _key.Dispose();
    }
}
