using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Badge.Sdk.Credentials;
using Badge.Sdk.Issuance;
using static Badge.Sdk.TestData.EmulatorHost;

namespace Badge.Sdk.IntegrationTests.Credentials;

public sealed class CredentialTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorHost _host = fixture.Host;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task IssueCredential_CarriesTheUsccAndChainsToThePublishedRoot()
    {
        var (key, csr) = CredentialFile.CreateKey();
        using var keyScope = key;

        var issued = await _host.Credentials(KeyA).IssueCredentialAsync(csr, Ct);
        using var certificate = issued.LoadCertificate();
        var chainCerts = issued.LoadChain();
        using var root = X509CertificateLoader.LoadCertificate(Convert.FromBase64String((await _host.Client().GetAuthorityMetadataAsync(Ct)).RootCertificate!));
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.ExtraStore.AddRange(chainCerts);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;

        Assert.True(chain.Build(certificate), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.Contains(InstitutionA.ToString(), certificate.SubjectName.Format(false), StringComparison.Ordinal);
        Assert.Equal(InstitutionA.ToString(), certificate.SubjectName.EnumerateRelativeDistinguishedNames()
            .Single(rdn => rdn.GetSingleElementType().Value == "2.5.4.97").GetSingleElementValue());
        Assert.Contains("万载县人民政府办公室", certificate.Subject, StringComparison.Ordinal);
        Assert.Equal("institution", Role(certificate));
        Assert.True(certificate.GetECDsaPublicKey()!.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()));
        Assert.Equal(CredentialState.Good, (await _host.Credentials().GetCredentialStatusAsync(issued.SerialNumber, Ct)).Status);
    }

    [Fact]
    public async Task PlatformCertificate_IsMarkedWithThePlatformRole()
    {
        var (key, csr) = CredentialFile.CreateKey();
        using var keyScope = key;

        var issued = await _host.Credentials(WeiboKey).IssuePlatformCredentialAsync(csr, Ct);
        using var certificate = issued.LoadCertificate();

        Assert.Equal("platform:weibo", Role(certificate));
        Assert.Contains("OU=platform:weibo", certificate.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credential_RoundTripsThroughPkcs12_AndAWrongPasswordIsRefused()
    {
        var (key, csr) = CredentialFile.CreateKey();
        using var keyScope = key;
        var issued = await _host.Credentials(KeyA).IssueCredentialAsync(csr, Ct);
        using var certificate = issued.LoadCertificate();

        var pfx = CredentialFile.Export(certificate, key, issued.LoadChain(), "正确的证书密码123");
        using var file = CredentialFile.Open(pfx, "正确的证书密码123");
        var (opened, chain) = (file.Certificate, file.Chain);
        var signature = opened.GetECDsaPrivateKey()!.SignData("challenge"u8, HashAlgorithmName.SHA256);

        Assert.Equal(certificate.Thumbprint, opened.Thumbprint);
        Assert.Equal(2, chain.Count);
        Assert.True(certificate.GetECDsaPublicKey()!.VerifyData("challenge"u8, signature, HashAlgorithmName.SHA256));
        var ex = Assert.Throws<CredentialPasswordException>(() => CredentialFile.Open(pfx, "wrong password"));
        Assert.Contains("password", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => CredentialFile.Export(certificate, key, [], "short"));
    }

    [Fact]
    public async Task Revocation_IsPublished_AndOnlyTheOwnerMayRevoke()
    {
        var (key, csr) = CredentialFile.CreateKey();
        using var keyScope = key;
        var issued = await _host.Credentials(KeyA).IssueCredentialAsync(csr, Ct);

        var other = await Assert.ThrowsAsync<BadgeAuthorityException>(() => _host.Credentials(KeyB).RevokeCredentialAsync(issued.SerialNumber, Ct));
        var revoked = await _host.Credentials(KeyA).RevokeCredentialAsync(issued.SerialNumber, Ct);
        var status = await _host.Credentials().GetCredentialStatusAsync(issued.SerialNumber, Ct);
        var unknown = await _host.Credentials().GetCredentialStatusAsync("00AA", Ct);

        Assert.Equal(403, other.Status);
        Assert.Equal(CredentialState.Revoked, revoked.Status);
        Assert.Equal(CredentialState.Revoked, status.Status);
        Assert.NotNull(status.RevokedAt);
        Assert.Equal(CredentialState.Unknown, unknown.Status);
    }

    [Fact]
    public async Task Csr_ThatIsNotP256OrNotSigned_IsRefused()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var wrongCurve = new CertificateRequest("CN=x", p384, HashAlgorithmName.SHA256).CreateSigningRequest();
        var (key, csr) = CredentialFile.CreateKey();
        using var keyScope = key;
        csr[^5] ^= 0xFF;

        var curve = await Assert.ThrowsAsync<BadgeAuthorityException>(() => _host.Credentials(KeyA).IssueCredentialAsync(wrongCurve, Ct));
        var tampered = await Assert.ThrowsAsync<BadgeAuthorityException>(() => _host.Credentials(KeyA).IssueCredentialAsync(csr, Ct));
        var platformKey = await Assert.ThrowsAsync<BadgeAuthorityException>(() => _host.Credentials(WeiboKey).IssueCredentialAsync(wrongCurve, Ct));

        Assert.Equal(("invalid_csr", "csr"), (curve.Code, curve.Field));
        Assert.Equal("invalid_csr", tampered.Code);
        Assert.Equal(403, platformKey.Status);
    }

    private static string Role(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions["1.3.6.1.4.1.60000.1.1"]!;
        return new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadCharacterString(UniversalTagNumber.UTF8String);
    }
}
