using Badge.Sdk.Challenges;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Badge.Sdk.Platforms;
using static Badge.Sdk.TestData.EmulatorHost;

namespace Badge.Sdk.IntegrationTests.Trust;

/// <summary>
/// The census route (issue #15, item 3): institution B files institution A's verified Kuaishou account as its own;
/// the platform, confirming the account's verified subject before it attaches, refuses it — and attaches A's entry.
/// </summary>
public sealed class CensusTrustTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private const string KuaishouKey = "demo-platform-kuaishou";
    private readonly EmulatorHost _host = fixture.Host;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InstitutionB_FilingAsVerifiedAccount_GetsNoBadge_AndAsOwnEntryIsAttached()
    {
        var account = "ks-" + Guid.NewGuid().ToString("N")[..10];
        var subjects = new InMemoryVerifiedAccountSubjects();
        subjects.Set(PlatformId.Kuaishou, account, InstitutionA);
        var runner = new CertificationRunner([new KuaishouAdapter()], new InMemoryCertificationStore(), _host.Client(KuaishouKey), _host.Grants(KuaishouKey), _host.Census(KuaishouKey), new InMemoryChallengeStore(), TimeProvider.System, subjects);

        // B files A's account, and waits for the platform to attach a badge for B.
        await FileAsync(KeyB, InstitutionB, account);
        var claim = await runner.StartAsync(new CertificationRequest(
            PlatformId.Kuaishou, AccountVariant.Verified, account, OnlineName.Parse("万载发布"), InstitutionB, OrganizerName.Parse("万载县融媒体中心"), "op-b"), Ct);
        Assert.Equal(CertificationState.AwaitingCensusAttachment, claim.State);

        var poisoned = await runner.AttachFromCensusAsync(PlatformId.Kuaishou, Ct);
        var refused = (await runner.GetAsync(claim.Id, Ct))!;

        Assert.DoesNotContain(poisoned, a => a.Record.AccountId == account);
        Assert.Equal(CertificationState.Rejected, refused.State);
        Assert.StartsWith(AuthorityErrorCodes.SubjectMismatch, refused.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain((await _host.Client().ListBadgesAsync(InstitutionB, 1, 100, Ct)).Items, b => b.AccountId == account);

        // A files its own account: the platform's verified subject agrees, and the badge is A's.
        await FileAsync(KeyA, InstitutionA, account);
        var attached = await runner.AttachFromCensusAsync(PlatformId.Kuaishou, Ct);

        var mine = Assert.Single(attached, a => a.Record.AccountId == account);
        var badge = await _host.Client().GetBadgeAsync(mine.BadgeId, Ct);
        Assert.Equal((InstitutionA, account), (badge.Uscc, badge.AccountId));
    }

    [Fact]
    public async Task WithoutThePlatformsOwnRecords_NothingIsAttachedFromTheCensus()
    {
        var account = "ks-" + Guid.NewGuid().ToString("N")[..10];
        await FileAsync(KeyA, InstitutionA, account);
        var runner = new CertificationRunner([new KuaishouAdapter()], new InMemoryCertificationStore(), _host.Client(KuaishouKey), _host.Grants(KuaishouKey), _host.Census(KuaishouKey), new InMemoryChallengeStore(), TimeProvider.System);

        var attached = await runner.AttachFromCensusAsync(PlatformId.Kuaishou, Ct);

        Assert.DoesNotContain(attached, a => a.Record.AccountId == account);
        Assert.Contains(await _host.Census(KuaishouKey).ListCensusAttachmentsAsync(PlatformId.Kuaishou, Ct), r => r.AccountId == account);
    }

    [Fact]
    public async Task APlatformKey_CitingCensusRecordsThatDoNotHold_IsRefused()
    {
        var account = "ks-" + Guid.NewGuid().ToString("N")[..10];
        var claimOfB = await FileAsync(KeyB, InstitutionB, account);
        var unverified = await FileAsync(KeyA, InstitutionA, "ks-" + Guid.NewGuid().ToString("N")[..10], verified: false);

        // B's record for A's badge; B's record with a subject the platform never verified for B; an unverified record;
        // another platform's key citing a Kuaishou record.
        var forA = await IssueAsync(KuaishouKey, InstitutionA, account, claimOfB.Id, InstitutionA);
        var lyingSubject = await IssueAsync(KuaishouKey, InstitutionB, account, claimOfB.Id, InstitutionA);
        var notVerified = await IssueAsync(KuaishouKey, InstitutionA, unverified.AccountId!, unverified.Id, InstitutionA);
        var otherPlatform = await IssueAsync(WeiboKey, InstitutionB, account, claimOfB.Id, InstitutionB, platform: "weibo");
        var bothProofs = await IssueAsync(KuaishouKey, InstitutionB, account, claimOfB.Id, InstitutionB, consent: "a.b.c");

        Assert.Equal((422, AuthorityErrorCodes.CensusMismatch, "censusRecordId"), (forA.Status, forA.Body.Code(), forA.Body.Field()));
        Assert.Equal((422, AuthorityErrorCodes.SubjectMismatch, "verifiedSubject"), (lyingSubject.Status, lyingSubject.Body.Code(), lyingSubject.Body.Field()));
        Assert.Equal((422, AuthorityErrorCodes.CensusMismatch), (notVerified.Status, notVerified.Body.Code()));
        Assert.Equal((422, AuthorityErrorCodes.CensusMismatch), (otherPlatform.Status, otherPlatform.Body.Code()));
        Assert.Equal((400, "censusRecordId"), (bothProofs.Status, bothProofs.Body.Field()));
        Assert.DoesNotContain((await _host.Client().ListBadgesAsync(InstitutionA, 1, 100, Ct)).Items, b => b.AccountId == account);
        Assert.DoesNotContain((await _host.Client().ListBadgesAsync(InstitutionB, 1, 100, Ct)).Items, b => b.AccountId == account);
    }

    [Fact]
    public async Task ThePlatformSample_AttachesTheOwnersEntry_AndRefusesTheClaimOfAnother()
    {
        await using var platform = await Badge.Platform.PlatformApp.StartAsync(
            [$"--Badge:Authority={_host.Address}", "--Platform:Id=kuaishou", "--Platform:Port=0", "--Logging:LogLevel:Default=Warning"]);
        using var http = new HttpClient { BaseAddress = platform.Address };
        var account = "ks-" + Guid.NewGuid().ToString("N")[..10];
        await FileAsync(KeyB, InstitutionB, account);

        // The platform verified the account for A; B's entry claims it. Then A files it too.
        using (var verified = await http.PostAsync("/verified-accounts", System.Net.Http.Json.JsonContent.Create(new { accountId = account, uscc = InstitutionA.ToString() }), Ct))
        {
            Assert.Equal(System.Net.HttpStatusCode.NoContent, verified.StatusCode);
        }

        var poisoned = await AttachAsync(http);
        await FileAsync(KeyA, InstitutionA, account);
        var attached = await AttachAsync(http);

        Assert.DoesNotContain(poisoned.EnumerateArray(), a => a.GetProperty("accountId").GetString() == account);
        var mine = Assert.Single(attached.EnumerateArray(), a => a.GetProperty("accountId").GetString() == account);
        Assert.Equal(InstitutionA.ToString(), mine.GetProperty("uscc").GetString());
        Assert.Equal(InstitutionA, (await _host.Client().GetBadgeAsync(mine.GetProperty("badgeId").GetString()!, Ct)).Uscc);
    }

    private static async Task<System.Text.Json.JsonElement> AttachAsync(HttpClient http)
    {
        using var response = await http.PostAsync("/census/attach", null, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, text);
        return System.Text.Json.JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<CensusRecord> FileAsync(string key, UnifiedSocialCreditCode uscc, string account, bool verified = true) =>
        Assert.Single(await _host.Census(key).SubmitCensusRecordsAsync(new CensusSubmission
        {
            Uscc = uscc.ToString(),
            Entries = [new CensusEntry { Platform = "kuaishou", AccountId = account, Name = "万载发布", Verified = verified }],
        }, Ct));

    private Task<(int Status, System.Text.Json.JsonElement Body)> IssueAsync(
        string key, UnifiedSocialCreditCode uscc, string account, string censusRecordId, UnifiedSocialCreditCode verifiedSubject, string platform = "kuaishou", string? consent = null) =>
        TrustKit.PostAsync(_host.Address, key, "api/v1/badges", new
        {
            kind = "platformAccount",
            uscc = uscc.ToString(),
            organizerName = uscc == InstitutionB ? "万载县融媒体中心" : "万载县人民政府办公室",
            onlineName = "万载发布",
            platform,
            accountId = account,
            censusRecordId,
            verifiedSubject = verifiedSubject.ToString(),
            consent,
        });
}
