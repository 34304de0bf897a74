using System.Security.Cryptography.X509Certificates;
using System.Text;
using Badge.Sdk.Challenges;
using Badge.Sdk.Identity;
using Badge.Sdk.Platforms;
using Badge.Sdk.TestData;

namespace Badge.Sdk.Tests.Challenges;

public sealed class ChallengeConsentReaderTests : IDisposable
{
    private const string Uscc = "11360922MB0001230X";
    private const string Name = "万载县人民政府办公室";
    private readonly X509Certificate2 _root = TestCertificateAuthority.CreateRoot();
    private readonly X509Certificate2 _institution;
    private readonly X509Certificate2 _platform;

    public ChallengeConsentReaderTests()
    {
        _institution = TestCertificateAuthority.Issue(_root, "institution", Uscc, Name);
        _platform = TestCertificateAuthority.Issue(_root, "platform:weibo", "platform:weibo", "微博");
    }

    private X509Certificate2Collection Roots => [_root];

    [Fact]
    public async Task Read_AnApprovedAnswer_GivesItsFacts()
    {
        var answer = await AnswerAsync(_institution, approve: true);

        var result = ChallengeConsentReader.Read(answer, Roots, DateTimeOffset.UtcNow);

        Assert.True(result.IsValid, result.Reason);
        var consent = result.Consent!;
        Assert.Equal((PlatformId.Weibo, "wb-1001", UnifiedSocialCreditCode.Parse(Uscc), "op-1", true), (consent.Platform, consent.AccountId, consent.Uscc, consent.OperatorId, consent.Approved));
        Assert.Equal((UnifiedSocialCreditCode.Parse(Uscc), Name, _institution.SerialNumber), (consent.SignerUscc, consent.SignerName, consent.SignerSerialNumber));
        Assert.InRange(consent.SignedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task Read_ADeny_IsValidButNotApproved()
    {
        var result = ChallengeConsentReader.Read(await AnswerAsync(_institution, approve: false), Roots, DateTimeOffset.UtcNow);

        Assert.True(result.IsValid, result.Reason);
        Assert.False(result.Consent!.Approved);
    }

    [Fact]
    public async Task Read_AnotherRoot_IsChainInvalid()
    {
        using var otherRoot = TestCertificateAuthority.CreateRoot();

        var result = ChallengeConsentReader.Read(await AnswerAsync(_institution, approve: true), [otherRoot], DateTimeOffset.UtcNow);

        Assert.Equal((false, ChallengeReasonCodes.ChainInvalid), (result.IsValid, result.Reason));
    }

    [Fact]
    public async Task Read_SignedByAPlatformCertificate_IsChainInvalid()
    {
        var signedByPlatform = await AnswerAsync(TestCertificateAuthority.Issue(_root, "platform:weibo", Uscc, Name), approve: true);

        var result = ChallengeConsentReader.Read(signedByPlatform, Roots, DateTimeOffset.UtcNow);

        Assert.Equal((false, ChallengeReasonCodes.ChainInvalid), (result.IsValid, result.Reason));
    }

    [Fact]
    public async Task Read_AChangedPayload_IsABadSignature()
    {
        var parts = (await AnswerAsync(_institution, approve: true)).Split('.');
        var payload = Encoding.UTF8.GetString(Badge.Sdk.Certificates.BadgeCertificateSignature.Base64UrlDecode(parts[1])).Replace("wb-1001", "wb-6666", StringComparison.Ordinal);
        var tampered = parts[0] + "." + Badge.Sdk.Certificates.BadgeCertificateSignature.Base64Url(Encoding.UTF8.GetBytes(payload)) + "." + parts[2];

        var result = ChallengeConsentReader.Read(tampered, Roots, DateTimeOffset.UtcNow);

        Assert.Equal((false, ChallengeReasonCodes.BadSignature), (result.IsValid, result.Reason));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a.b")]
    [InlineData("not.a.jws")]
    public void Read_NotAnAnswer_IsMalformed(string? text)
    {
        var result = ChallengeConsentReader.Read(text, Roots, DateTimeOffset.UtcNow);

        Assert.Equal((false, ChallengeReasonCodes.Malformed), (result.IsValid, result.Reason));
    }

    [Fact]
    public async Task Read_AnAlgorithmNotAllowed_IsRefused()
    {
        var parts = (await AnswerAsync(_institution, approve: true)).Split('.');
        var header = Encoding.UTF8.GetString(Badge.Sdk.Certificates.BadgeCertificateSignature.Base64UrlDecode(parts[0])).Replace("ES256", "none", StringComparison.Ordinal);
        var noneAlg = Badge.Sdk.Certificates.BadgeCertificateSignature.Base64Url(Encoding.UTF8.GetBytes(header)) + "." + parts[1] + ".";

        var result = ChallengeConsentReader.Read(noneAlg, Roots, DateTimeOffset.UtcNow);

        Assert.Equal((false, ChallengeReasonCodes.AlgorithmNotAllowed), (result.IsValid, result.Reason));
    }

    public void Dispose()
    {
        _institution.Dispose();
        _platform.Dispose();
        _root.Dispose();
    }

    private async Task<string> AnswerAsync(X509Certificate2 signer, bool approve)
    {
        var options = new ChallengeOptions();
        options.Roots.Add(_root);
        var challenge = await new ChallengeIssuer(new InMemoryChallengeStore(), options, TimeProvider.System)
            .CreateAsync(new CreateChallengeRequest { Platform = PlatformId.Weibo, AccountId = "wb-1001", Uscc = UnifiedSocialCreditCode.Parse(Uscc), InstitutionName = OrganizerName.Parse(Name), PlatformCertificate = _platform, PlatformChain = [] }, TestContext.Current.CancellationToken);
        return approve ? ChallengeSigner.Approve(new ChallengeAnswerRequest { RequestJws = challenge.RequestJws, Credential = signer, Chain = [], Roots = Roots, OperatorId = "op-1", Now = DateTimeOffset.UtcNow }) : ChallengeSigner.Deny(new ChallengeAnswerRequest { RequestJws = challenge.RequestJws, Credential = signer, Chain = [], Roots = Roots, OperatorId = "op-1", Now = DateTimeOffset.UtcNow });
    }
}
