using System.Security.Cryptography.X509Certificates;
using Badge.Sdk.Challenges;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Badge.Sdk.Platforms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Badge.Sdk.TestData.EmulatorHost;
using Badge.Sdk.Certificates;

namespace Badge.Sdk.IntegrationTests.Trust;

/// <summary>
/// Platform-account badges need the institution's consent (issue #15, item 3): a platform key tries to issue for
/// institutions that never consented, over HTTP against the emulator, as an attacker holding that key would.
/// </summary>
public sealed class ConsentTrustTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private const string Organizer = "万载县人民政府办公室";
    private readonly EmulatorHost _host = fixture.Host;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PlatformKey_WithNoAnswer_CannotIssueForAnyone()
    {
        var account = NewAccount();

        // B's code with A's name, then A's code: a platform key alone issues for nobody.
        var forB = await IssueAsync(WeiboKey, InstitutionB, account, consent: null);
        var forA = await IssueAsync(WeiboKey, InstitutionA, account, consent: null);

        Assert.Equal((422, AuthorityErrorCodes.ConsentRequired, "consent"), (forB.Status, forB.Body.Code(), forB.Body.Field()));
        Assert.Equal((422, AuthorityErrorCodes.ConsentRequired, "consent"), (forA.Status, forA.Body.Code(), forA.Body.Field()));
        Assert.False((await _host.Grants(WeiboKey).CheckOperatorGrantAsync(InstitutionA, PlatformId.Weibo, account, "op-1", Ct)).Granted);
        await AssertNoBadgeAsync(InstitutionA, account);
        await AssertNoBadgeAsync(InstitutionB, account);
    }

    [Fact]
    public async Task TheLegitimateConsent_IssuesTheBadge_Once_EvenWithTheSignatureReEncoded()
    {
        var account = NewAccount();
        await _host.GrantAsync(KeyA, InstitutionA, "weibo", account, "op-1");
        var consent = await ConsentAsync(KeyA, "demo-platform-weibo", PlatformId.Weibo, InstitutionA, account);

        var issued = await IssueAsync(WeiboKey, InstitutionA, account, consent);
        Assert.Equal(201, issued.Status);
        var badgeId = issued.Body.GetProperty("id").GetString()!;
        Assert.Contains(await _host.Grants(KeyA).GetAuditTrailAsync(InstitutionA, Ct),
            a => a.Action == "badge.issued-on-consent" && a.Target == $"weibo/{account}/{badgeId}" && a.Actor.StartsWith("op-1 ", StringComparison.Ordinal));
        await _host.Client(KeyA).RevokeBadgeAsync(badgeId, "test: the account is free again", Ct);

        // The account is free again; the same answer (and the same answer with its ECDSA signature re-encoded) must not carry a second badge.
        var replayed = await IssueAsync(WeiboKey, InstitutionA, account, consent);
        var malleated = await IssueAsync(WeiboKey, InstitutionA, account, TrustKit.Malleate(consent));

        Assert.Equal((409, AuthorityErrorCodes.ConsentUsed, "consent"), (replayed.Status, replayed.Body.Code(), replayed.Body.Field()));
        Assert.Equal((409, AuthorityErrorCodes.ConsentUsed), (malleated.Status, malleated.Body.Code()));
        await AssertNoBadgeAsync(InstitutionA, account);
    }

    [Fact]
    public async Task AnAnswerForAnotherAccount_IsRefused()
    {
        var consented = NewAccount();
        var target = NewAccount();
        await _host.GrantAsync(KeyA, InstitutionA, "weibo", consented, "op-1");
        await _host.GrantAsync(KeyA, InstitutionA, "weibo", target, "op-1");
        var consent = await ConsentAsync(KeyA, "demo-platform-weibo", PlatformId.Weibo, InstitutionA, consented);

        var result = await IssueAsync(WeiboKey, InstitutionA, target, consent);

        Assert.Equal((422, AuthorityErrorCodes.ConsentMismatch, "accountId"), (result.Status, result.Body.Code(), result.Body.Reason()));
        await AssertNoBadgeAsync(InstitutionA, target);
    }

    [Fact]
    public async Task AnAnswerGivenToAnotherPlatform_IsRefused()
    {
        // The institution consented to WeChat; Weibo's key presents that answer for the same account id on Weibo.
        var account = NewAccount();
        await _host.GrantAsync(KeyA, InstitutionA, "wechat-oa", account, "op-1");
        await _host.GrantAsync(KeyA, InstitutionA, "weibo", account, "op-1");
        var consent = await ConsentAsync(KeyA, "demo-platform-wechat-oa", PlatformId.WeChatOfficialAccount, InstitutionA, account);

        var result = await IssueAsync(WeiboKey, InstitutionA, account, consent);

        Assert.Equal((422, AuthorityErrorCodes.ConsentMismatch, "platform"), (result.Status, result.Body.Code(), result.Body.Reason()));
        await AssertNoBadgeAsync(InstitutionA, account);
    }

    [Fact]
    public async Task AnAnswerSignedByAnotherInstitution_IsRefused()
    {
        // B consents for its own code; the platform presents B's answer to get A's badge on the account.
        var account = NewAccount();
        await _host.GrantAsync(KeyA, InstitutionA, "weibo", account, "op-1");
        await _host.GrantAsync(KeyB, InstitutionB, "weibo", account, "op-1");
        var consentOfB = await ConsentAsync(KeyB, "demo-platform-weibo", PlatformId.Weibo, InstitutionB, account, "万载县融媒体中心");

        var result = await IssueAsync(WeiboKey, InstitutionA, account, consentOfB);

        Assert.Equal((422, AuthorityErrorCodes.ConsentMismatch, "uscc"), (result.Status, result.Body.Code(), result.Body.Reason()));
        await AssertNoBadgeAsync(InstitutionA, account);
    }

    [Fact]
    public async Task AnAnswerSignedWithAForgedCredential_IsRefused()
    {
        // A credential shaped exactly like the authority's (A's code, role institution), from the attacker's own CA.
        var account = NewAccount();
        await _host.GrantAsync(KeyA, InstitutionA, "weibo", account, "op-1");
        var (forged, forgedChain) = TrustKit.Forge("institution", InstitutionA.ToString(), Organizer);
        using var _ = forged;
        var consent = await ConsentAsync(KeyA, "demo-platform-weibo", PlatformId.Weibo, InstitutionA, account, signer: (forged, forgedChain));

        var result = await IssueAsync(WeiboKey, InstitutionA, account, consent);

        Assert.Equal((422, AuthorityErrorCodes.ConsentInvalid, ChallengeReasonCodes.ChainInvalid), (result.Status, result.Body.Code(), result.Body.Reason()));
        await AssertNoBadgeAsync(InstitutionA, account);
    }

    [Fact]
    public async Task AnAnswerFromARevokedCredential_ADeniedAnswer_AndAnOperatorWithoutAGrant_AreRefused()
    {
        var account = NewAccount();
        await _host.GrantAsync(KeyA, InstitutionA, "weibo", account, "op-1");
        var (credential, chain) = await _host.CredentialAsync(KeyA, platform: false);
        var revokedConsent = await ConsentAsync(KeyA, "demo-platform-weibo", PlatformId.Weibo, InstitutionA, account, signer: (credential, chain));
        await _host.Credentials(KeyA).RevokeCredentialAsync(credential.SerialNumber, Ct);
        var denied = await ConsentAsync(KeyA, "demo-platform-weibo", PlatformId.Weibo, InstitutionA, account, approve: false);
        var ungranted = await ConsentAsync(KeyA, "demo-platform-weibo", PlatformId.Weibo, InstitutionA, account, operatorId: "op-stranger");

        var fromRevoked = await IssueAsync(WeiboKey, InstitutionA, account, revokedConsent);
        var fromDenied = await IssueAsync(WeiboKey, InstitutionA, account, denied);
        var fromUngranted = await IssueAsync(WeiboKey, InstitutionA, account, ungranted);

        Assert.Equal((422, AuthorityErrorCodes.CredentialRevoked), (fromRevoked.Status, fromRevoked.Body.Code()));
        Assert.Equal((422, AuthorityErrorCodes.ConsentMismatch, "denied"), (fromDenied.Status, fromDenied.Body.Code(), fromDenied.Body.Reason()));
        Assert.Equal((403, AuthorityErrorCodes.NotGranted), (fromUngranted.Status, fromUngranted.Body.Code()));
        await AssertNoBadgeAsync(InstitutionA, account);
    }

    [Fact]
    public async Task AnAnswerThatIsNotAJws_OrAnotherJws_IsRefusedAsInvalid()
    {
        var account = NewAccount();
        var garbage = await IssueAsync(WeiboKey, InstitutionA, account, "not.a.jws");
        var signedCertificate = (await _host.Client(KeyA).IssueBadgeAsync(Website(UniqueDomain("jws")), Ct)).Id;
        var otherJws = await new HttpClient().GetStringAsync(new Uri(_host.Address, $"api/v1/badges/{signedCertificate}/certificate/signed"), Ct);
        var authoritySigned = await IssueAsync(WeiboKey, InstitutionA, account, otherJws);

        Assert.Equal((422, AuthorityErrorCodes.ConsentInvalid, ChallengeReasonCodes.Malformed), (garbage.Status, garbage.Body.Code(), garbage.Body.Reason()));
        Assert.Equal((422, AuthorityErrorCodes.ConsentInvalid), (authoritySigned.Status, authoritySigned.Body.Code()));
    }

    [Fact]
    public async Task AnExpiredAnswer_IsRefused()
    {
        // An emulator whose clock the test moves: the answer is signed now, presented 31 days later.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await EmulatorHost.StartAsync(configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        var account = NewAccount();
        await host.GrantAsync(KeyA, InstitutionA, "weibo", account, "op-1");
        var consent = await ConsentAsync(KeyA, "demo-platform-weibo", PlatformId.Weibo, InstitutionA, account, on: host);

        clock.Advance(TimeSpan.FromDays(31));
        var result = await IssueAsync(WeiboKey, InstitutionA, account, consent, host);

        Assert.Equal((422, AuthorityErrorCodes.ConsentExpired, "consent"), (result.Status, result.Body.Code(), result.Body.Field()));
    }

    private static string NewAccount() => "wb-" + Guid.NewGuid().ToString("N")[..10];

    private Task<(int Status, System.Text.Json.JsonElement Body)> IssueAsync(string key, UnifiedSocialCreditCode uscc, string account, string? consent, EmulatorHost? on = null) =>
        TrustKit.PostAsync((on ?? _host).Address, key, "api/v1/badges", new
        {
            kind = "platformAccount",
            uscc = uscc.ToString(),
            organizerName = uscc == InstitutionB ? "万载县融媒体中心" : Organizer,
            onlineName = "万载发布",
            platform = "weibo",
            accountId = account,
            consent,
        });

    // What the platform holds after a real scan: it created the challenge, the institution's credential answered it.
    private async Task<string> ConsentAsync(
        string institutionKey, string platformKey, PlatformId platform, UnifiedSocialCreditCode uscc, string account, string name = Organizer,
        (X509Certificate2 Certificate, X509Certificate2Collection Chain)? signer = null, bool approve = true, string operatorId = "op-1", EmulatorHost? on = null)
    {
        var host = on ?? _host;
        var (platformCertificate, platformChain) = await host.CredentialAsync(platformKey, platform: true);
        var (institution, institutionChain) = signer ?? await host.CredentialAsync(institutionKey, platform: false);
        var roots = await host.RootsAsync();
        var options = new ChallengeOptions();
        options.Roots.AddRange(roots);
        var challenge = await new ChallengeIssuer(new InMemoryChallengeStore(), options, TimeProvider.System)
            .CreateAsync(new CreateChallengeRequest { Platform = platform, AccountId = account, Uscc = uscc, InstitutionName = OrganizerName.Parse(name), PlatformCertificate = platformCertificate, PlatformChain = platformChain }, Ct);

        // A forged credential is refused by the honest signer's own checks, so the attacker signs the raw answer.
        var signingRoots = signer is null ? roots : [.. roots, .. signer.Value.Chain];
        return approve ? ChallengeSigner.Approve(new ChallengeAnswerRequest { RequestJws = challenge.RequestJws, Credential = institution, Chain = institutionChain, Roots = signingRoots, OperatorId = operatorId, Now = DateTimeOffset.UtcNow }) : ChallengeSigner.Deny(new ChallengeAnswerRequest { RequestJws = challenge.RequestJws, Credential = institution, Chain = institutionChain, Roots = signingRoots, OperatorId = operatorId, Now = DateTimeOffset.UtcNow });
    }

    private async Task AssertNoBadgeAsync(UnifiedSocialCreditCode uscc, string account)
    {
        var badges = await _host.Client().ListBadgesAsync(uscc, 1, 100, Ct);
        Assert.DoesNotContain(badges.Items, b => b.AccountId == account && b.Status == BadgeStatus.Active);
    }
}
