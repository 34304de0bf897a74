using System.Security.Cryptography.X509Certificates;
using Badge.Sdk.Challenges;
using Badge.Sdk.Identity;
using Badge.Sdk.Platforms;
using Badge.Sdk.TestData;

namespace Badge.Sdk.Tests.Challenges;

public sealed class ChallengeSignerTests : IDisposable
{
    private const string Uscc = "11360922MB0001230X";
    private const string Name = "万载县人民政府办公室";
    private readonly X509Certificate2 _root = TestCertificateAuthority.CreateRoot();
    private readonly X509Certificate2 _institution;
    private readonly X509Certificate2 _platform;

    public ChallengeSignerTests()
    {
        _institution = TestCertificateAuthority.Issue(_root, "institution", Uscc, Name);
        _platform = TestCertificateAuthority.Issue(_root, "platform:weibo", "platform:weibo", "微博");
    }

    private async Task<ChallengeAnswerRequest> RequestAsync(X509Certificate2? platform = null, X509Certificate2Collection? roots = null)
    {
        var options = new ChallengeOptions();
        options.Roots.Add(_root);
        var challenge = await new ChallengeIssuer(new InMemoryChallengeStore(), options, TimeProvider.System).CreateAsync(
            new CreateChallengeRequest
            {
                Platform = PlatformId.Weibo,
                AccountId = "wb-1001",
                Uscc = UnifiedSocialCreditCode.Parse(Uscc),
                InstitutionName = OrganizerName.Parse(Name),
                PlatformCertificate = platform ?? _platform,
                PlatformChain = [],
            },
            TestContext.Current.CancellationToken);
        return new ChallengeAnswerRequest
        {
            RequestJws = challenge.RequestJws, Credential = _institution, Chain = [], Roots = roots ?? [_root], OperatorId = "op-1", Now = DateTimeOffset.UtcNow,
        };
    }

    [Fact]
    public async Task Approve_SignsAnApproval_AndDeny_ASignedRefusal()
    {
        var request = await RequestAsync();

        var approval = ChallengeConsentReader.Read(ChallengeSigner.Approve(request), [_root], DateTimeOffset.UtcNow);
        var refusal = ChallengeConsentReader.Read(ChallengeSigner.Deny(request), [_root], DateTimeOffset.UtcNow);

        Assert.True(approval.IsValid, approval.Reason);
        Assert.True(approval.Consent.Approved);
        Assert.True(refusal.IsValid, refusal.Reason);
        Assert.False(refusal.Consent.Approved);
        Assert.Equal((PlatformId.Weibo, "wb-1001", "op-1"), (approval.Consent.Platform, approval.Consent.AccountId, approval.Consent.OperatorId));
    }

    [Fact]
    public async Task Approve_ARequestSignedByAnotherPlatformsCertificate_IsRefusedAsChainInvalid()
    {
        // A rogue platform certificate (role platform:wechat-oa) signs a request that claims to be Weibo's.
        using var rogue = TestCertificateAuthority.Issue(_root, "platform:wechat-oa", "platform:wechat-oa", "微信");
        var request = await RequestAsync(rogue);

        var ex = Assert.Throws<ChallengeSignException>(() => ChallengeSigner.Approve(request));

        Assert.Equal(ChallengeReasonCodes.ChainInvalid, ex.Reason);
        Assert.Contains("weibo", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deny_ARequestFromAStrangersRoot_IsRefused()
    {
        using var strangerRoot = TestCertificateAuthority.CreateRoot();
        var request = await RequestAsync(roots: [strangerRoot]);

        Assert.Equal(ChallengeReasonCodes.ChainInvalid, Assert.Throws<ChallengeSignException>(() => ChallengeSigner.Deny(request)).Reason);
    }

    [Fact]
    public async Task Approve_ARequestWithItsAlgorithmSetToNone_IsRefused()
    {
        var request = await RequestAsync();
        var parts = request.RequestJws.Split('.');
        var header = System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(parts[0])).Replace("\"ES256\"", "\"none\"", StringComparison.Ordinal);
        var forged = request with { RequestJws = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(header)) + "." + parts[1] + "." };

        Assert.Equal(ChallengeReasonCodes.AlgorithmNotAllowed, Assert.Throws<ChallengeSignException>(() => ChallengeSigner.Approve(forged)).Reason);
    }

    [Fact]
    public async Task Approve_NoOperator_NamesTheRequest()
    {
        var request = await RequestAsync() with { OperatorId = " " };

        Assert.Equal("request", Assert.Throws<ArgumentException>(() => ChallengeSigner.Approve(request)).ParamName);
    }

    public void Dispose()
    {
        _institution.Dispose();
        _platform.Dispose();
        _root.Dispose();
    }
}
