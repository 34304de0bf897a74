using System.Security.Cryptography.X509Certificates;
using System.Text;
using Badge.Sdk.Credentials;
using Badge.Sdk.Identity;
using Badge.Sdk.TestData;

namespace Badge.Sdk.Tests.Credentials;

public sealed class AdministratorSignatureTests : IDisposable
{
    private static readonly UnifiedSocialCreditCode Uscc = UnifiedSocialCreditCode.Parse("11360922MB0001230X");
    private readonly X509Certificate2 _root = TestCertificateAuthority.CreateRoot();
    private readonly X509Certificate2 _administrator;

    public AdministratorSignatureTests() =>
        _administrator = TestCertificateAuthority.Issue(_root, "administrator:admin-a", Uscc.ToString(), "万载县人民政府办公室");

    private X509Certificate2Collection Roots => [_root];

    [Fact]
    public void SignGrant_ThenRead_GivesTheSignerFromTheCertificate()
    {
        var now = DateTimeOffset.UtcNow;
        var signed = AdministratorSignature.SignGrant(Uscc, PlatformId.Weibo, "wb-1", "op-1", _administrator, [], now);

        var result = AdministratorSignature.Read(signed, Roots, now);

        Assert.True(result.IsValid, result.Reason);
        var request = result.Request!;
        Assert.Equal((AdministratorActions.Grant, Uscc, (PlatformId?)PlatformId.Weibo, "wb-1", "op-1"), (request.Action, request.Uscc, request.Platform, request.AccountId, request.OperatorId));
        Assert.Equal(("admin-a", Uscc, _administrator.SerialNumber), (request.Signer, request.SignerUscc, request.SignerSerialNumber));
        Assert.Equal(now.ToUnixTimeSeconds(), request.SignedAt.ToUnixTimeSeconds());
    }

    [Fact]
    public void EverySignature_HasItsOwnNonce()
    {
        var now = DateTimeOffset.UtcNow;
        var first = AdministratorSignature.Read(AdministratorSignature.SignGrantRevocation(Uscc, "grt-1", _administrator, [], now), Roots, now).Request!;
        var second = AdministratorSignature.Read(AdministratorSignature.SignGrantRevocation(Uscc, "grt-1", _administrator, [], now), Roots, now).Request!;

        Assert.Equal(("grt-1", AdministratorActions.RevokeGrant), (first.GrantId, first.Action));
        Assert.NotEqual(first.Nonce, second.Nonce);
    }

    [Fact]
    public void Read_AnInstitutionCredential_IsNotAnAdministrator()
    {
        using var institution = TestCertificateAuthority.Issue(_root, "institution", Uscc.ToString(), "万载县人民政府办公室");
        var signed = AdministratorSignature.SignAppointment(Uscc, "deputy-1", institution, [], DateTimeOffset.UtcNow);

        var result = AdministratorSignature.Read(signed, Roots, DateTimeOffset.UtcNow);

        Assert.Equal((false, AdministratorRequestCodes.ChainInvalid), (result.IsValid, result.Reason));
    }

    [Fact]
    public void Read_AnotherRoot_OrAChangedTarget_IsRefused()
    {
        using var otherRoot = TestCertificateAuthority.CreateRoot();
        var signed = AdministratorSignature.SignAppointment(Uscc, "deputy-1", _administrator, [], DateTimeOffset.UtcNow);
        var parts = signed.Split('.');
        var payload = Encoding.UTF8.GetString(Badge.Sdk.Certificates.BadgeCertificateSignature.Base64UrlDecode(parts[1])).Replace("deputy-1", "mallory1", StringComparison.Ordinal);
        var tampered = parts[0] + "." + Badge.Sdk.Certificates.BadgeCertificateSignature.Base64Url(Encoding.UTF8.GetBytes(payload)) + "." + parts[2];

        var foreign = AdministratorSignature.Read(signed, [otherRoot], DateTimeOffset.UtcNow);
        var changed = AdministratorSignature.Read(tampered, Roots, DateTimeOffset.UtcNow);

        Assert.Equal((false, AdministratorRequestCodes.ChainInvalid), (foreign.IsValid, foreign.Reason));
        Assert.Equal((false, AdministratorRequestCodes.BadSignature), (changed.IsValid, changed.Reason));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("x")]
    [InlineData("a.b.c")]
    public void Read_NotASignedRequest_IsMalformed(string? text) =>
        Assert.Equal(AdministratorRequestCodes.Malformed, AdministratorSignature.Read(text, Roots, DateTimeOffset.UtcNow).Reason);

    [Fact]
    public void Read_WithAnExpiredCredential_IsCertificateExpired()
    {
        var signed = AdministratorSignature.SignGrant(Uscc, PlatformId.Weibo, "wb-1", "op-1", _administrator, [], DateTimeOffset.UtcNow);

        // The test credential is valid for a year; two years on it is not, whatever the chain says.
        var result = AdministratorSignature.Read(signed, Roots, DateTimeOffset.UtcNow.AddYears(2));

        Assert.Equal((false, AdministratorRequestCodes.CertificateExpired), (result.IsValid, result.Reason));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    [InlineData("es256")]
    public void Read_AHeaderNamingAnotherAlgorithm_IsAlgorithmNotAllowed(string algorithm)
    {
        var signed = AdministratorSignature.SignGrant(Uscc, PlatformId.Weibo, "wb-1", "op-1", _administrator, [], DateTimeOffset.UtcNow);
        var parts = signed.Split('.');
        var header = Encoding.UTF8.GetString(Badge.Sdk.Certificates.BadgeCertificateSignature.Base64UrlDecode(parts[0]))
            .Replace("\"alg\":\"ES256\"", $"\"alg\":\"{algorithm}\"", StringComparison.Ordinal);
        var forged = Badge.Sdk.Certificates.BadgeCertificateSignature.Base64Url(Encoding.UTF8.GetBytes(header)) + "." + parts[1] + "." + parts[2];

        Assert.Equal(AdministratorRequestCodes.AlgorithmNotAllowed, AdministratorSignature.Read(forged, Roots, DateTimeOffset.UtcNow).Reason);
    }

    [Fact]
    public void TheCodes_KeepTheValuesTheAuthorityAlreadySends()
    {
        // The authority puts these in its problem details' `reason`; they were the challenge protocol's codes
        // before administrator requests had codes of their own, and integrators match on the strings.
        Assert.Equal(
            ["malformed", "algorithm_not_allowed", "chain_invalid", "certificate_expired", "bad_signature", "revoked", "expired", "replayed"],
            [AdministratorRequestCodes.Malformed, AdministratorRequestCodes.AlgorithmNotAllowed, AdministratorRequestCodes.ChainInvalid,
             AdministratorRequestCodes.CertificateExpired, AdministratorRequestCodes.BadSignature, AdministratorRequestCodes.Revoked,
             AdministratorRequestCodes.Expired, AdministratorRequestCodes.Replayed]);
    }

    public void Dispose()
    {
        _administrator.Dispose();
        _root.Dispose();
    }
}
