using System.Security.Cryptography.X509Certificates;
using Badge.Sdk.Challenges;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Badge.Sdk.Platforms;
using Badge.Sdk.Redis;
using Badge.Sdk.IntegrationTests.Challenges;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Badge.Sdk.Certificates;

namespace Badge.Sdk.IntegrationTests.Platforms;

/// <summary>
/// Every built-in flow driven end to end over HTTP against the emulator: prerequisites at the authority, each step by
/// its actor, the identity step with a real QR challenge (platform certificate, institution credential, verifier),
/// the platform's review, and the account's badge issued at the authority.
/// </summary>
public sealed class CertificationRunnerTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private const string Organizer = "万载县人民政府办公室";
    private const string Operator = "op-1";
    private static readonly UnifiedSocialCreditCode Uscc = EmulatorHost.InstitutionA;
    private readonly EmulatorHost _emulator = fixture.Host;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> BuiltInFlows => new()
    {
        { "wechat-oa", "unverified" }, { "wechat-oa", "verified" },
        { "wechat-mp", "unverified" }, { "wechat-mp", "verified" },
        { "weibo", "unverified" }, { "weibo", "unverified/phone" }, { "weibo", "verified" },
        { "kuaishou", "unverified" },
    };

    [Theory]
    [MemberData(nameof(BuiltInFlows))]
    public async Task EveryBuiltInFlow_WalksToTheAccountBadge(string platformId, string variantText)
    {
        var platform = PlatformId.Parse(platformId);
        var world = await WorldAsync(platform);
        var variant = world.Runner.Adapter(platform).Variants.Single(v => v.ToString() == variantText);
        var account = await GrantedAccountAsync(platform);

        var certification = await world.Runner.StartAsync(Request(platform, variant, account), Ct);
        Assert.Equal(CertificationState.InProgress, certification.State);
        certification = await WalkAsync(world, certification);
        Assert.Equal(CertificationState.AwaitingReview, certification.State);
        certification = await world.Runner.RecordReviewAsync(certification.Id, new ReviewOutcome(true, ReviewerId: "reviewer-1"), Ct);

        Assert.Equal(CertificationState.Completed, certification.State);
        var badge = await _emulator.Client().GetBadgeAsync(certification.BadgeId!, Ct);
        Assert.Equal((BadgeKind.PlatformAccount, Organizer, account, platformId), (badge.Kind, badge.OrganizerName.Value, badge.AccountId, badge.Platform?.Value));
        Assert.Equal(ChallengeState.Completed, (await world.Challenges.GetAsync(certification.ChallengeId!, Ct))!.State);
        var flow = world.Runner.Flow(certification);
        Assert.Equal(flow.Steps.Select(s => s.Id), certification.History.Where(h => h.Event == CertificationEvent.StepCompleted).Select(h => h.StepId));
        Assert.Equal(
            [CertificationEvent.Started, .. flow.Steps.Select(_ => CertificationEvent.StepCompleted), CertificationEvent.AwaitingReview, CertificationEvent.ReviewApproved, CertificationEvent.Attached],
            certification.History.Select(h => h.Event));
    }

    [Fact]
    public async Task WithoutAnOperatorGrant_TheFlowStopsAtThePrerequisite_AndGoesOnOnceGranted()
    {
        var world = await WorldAsync(PlatformId.Weibo);
        var account = "wb-" + Guid.NewGuid().ToString("N")[..10];

        var blocked = await world.Runner.StartAsync(Request(PlatformId.Weibo, AccountVariant.Unverified, account), Ct);
        Assert.Equal((CertificationState.Blocked, "operator-grant"), (blocked.State, blocked.BlockedBy));
        Assert.Contains("holds no grant", blocked.Reason, StringComparison.Ordinal);
        var error = await Assert.ThrowsAsync<CertificationException>(() => world.Runner.CompleteStepAsync(blocked.Id, "government-verification", new StepCompletion(StepActor.Operator), Ct));
        Assert.Equal("not_in_progress", error.Code);
        Assert.Contains("operator-grant", error.Message, StringComparison.Ordinal);

        await GrantAsync(PlatformId.Weibo, account);
        var resumed = await world.Runner.RetryPrerequisitesAsync(blocked.Id, cancellationToken: Ct);
        Assert.Equal(CertificationState.InProgress, resumed.State);
    }

    [Fact]
    public async Task MiniPrograms_WaitForTheConsoleCheck()
    {
        var world = await WorldAsync(PlatformId.WeChatMiniProgram);
        var account = await GrantedAccountAsync(PlatformId.WeChatMiniProgram);
        var request = Request(PlatformId.WeChatMiniProgram, AccountVariant.Unverified, account) with { Confirmed = [] };

        var blocked = await world.Runner.StartAsync(request, Ct);

        Assert.Equal("mini-program-console", blocked.BlockedBy);
        Assert.Equal(CertificationState.InProgress, (await world.Runner.RetryPrerequisitesAsync(blocked.Id, ["mini-program-console"], Ct)).State);
    }

    [Fact]
    public async Task WrongOrder_Repeats_WrongActor_MissingNeeds_AndWrongIdentity_AreRefusedByStep()
    {
        var world = await WorldAsync(PlatformId.WeChatOfficialAccount);
        var account = await GrantedAccountAsync(PlatformId.WeChatOfficialAccount);
        var c = await world.Runner.StartAsync(Request(PlatformId.WeChatOfficialAccount, AccountVariant.Verified, account), Ct);

        async Task<CertificationException> Refused(string step, StepCompletion completion) =>
            await Assert.ThrowsAsync<CertificationException>(() => world.Runner.CompleteStepAsync(c.Id, step, completion, Ct));

        var early = await Refused("form", new StepCompletion(StepActor.Operator));
        Assert.Equal(("wrong_order", "form"), (early.Code, early.StepId));
        Assert.Contains("step 1 'reopen'", early.Message, StringComparison.Ordinal);
        Assert.Equal("unknown_step", (await Refused("pay", new StepCompletion(StepActor.Operator))).Code);
        c = await world.Runner.CompleteStepAsync(c.Id, "reopen", new StepCompletion(StepActor.Operator), Ct);
        Assert.Equal("step_repeated", (await Refused("reopen", new StepCompletion(StepActor.Operator))).Code);
        c = await world.Runner.CompleteStepAsync(c.Id, "organisation-type", new StepCompletion(StepActor.Operator), Ct);
        Assert.Equal("wrong_actor", (await Refused("form", new StepCompletion(StepActor.Platform))).Code);
        var missing = await Refused("form", new StepCompletion(StepActor.Operator));
        Assert.Equal("needs_missing", missing.Code);
        Assert.Contains("unified social credit code", missing.Message, StringComparison.Ordinal);
        // The WeChat form asks for the correct code (确保正确填写统一社会信用代码); the name is not compared.
        var mismatch = await Refused("form", new StepCompletion(StepActor.Operator) { Uscc = "91350100M000100Y43", InstitutionName = Organizer });
        Assert.Equal("identity_mismatch", mismatch.Code);
        Assert.Contains("统一社会信用代码不正确", mismatch.Message, StringComparison.Ordinal);
        c = await world.Runner.CompleteStepAsync(c.Id, "form", new StepCompletion(StepActor.Operator) { Uscc = Uscc.ToString(), InstitutionName = "万载县人民政府" }, Ct);

        // A challenge approved for another account does not prove this one.
        var other = await GrantedAccountAsync(PlatformId.WeChatOfficialAccount);
        var foreign = await ApprovedChallengeAsync(world, PlatformId.WeChatOfficialAccount, other);
        Assert.Equal("identity_not_verified", (await Refused("scan", new StepCompletion(StepActor.Operator) { ChallengeId = foreign })).Code);
        c = await world.Runner.CompleteStepAsync(c.Id, "scan", new StepCompletion(StepActor.Operator) { ChallengeId = await ApprovedChallengeAsync(world, PlatformId.WeChatOfficialAccount, account) }, Ct);
        // The operator fills in the contact and clicks 下一步; the contact's own scan comes with it.
        Assert.Equal("wrong_actor", (await Refused("contact", new StepCompletion(StepActor.ContactPerson) { ContactName = "李明" })).Code);
        Assert.Equal("needs_missing", (await Refused("contact", new StepCompletion(StepActor.Operator))).Code);
        c = await world.Runner.CompleteStepAsync(c.Id, "contact", new StepCompletion(StepActor.Operator) { ContactName = "李明" }, Ct);
        c = await world.Runner.CompleteStepAsync(c.Id, "nickname", new StepCompletion(StepActor.Operator) { Nickname = "万载发布" }, Ct);
        var noFee = await Refused("invoice-fee", new StepCompletion(StepActor.Operator) { InvoiceTitle = Organizer });
        Assert.Equal("needs_missing", noFee.Code);
        Assert.Contains("fee", noFee.Message, StringComparison.Ordinal);
        Assert.Equal(6, c.CompletedSteps.Count);
    }

    [Fact]
    public async Task ARejectedReview_ResumesFromTheNamedStep_AndEndsWithTheBadge()
    {
        var world = await WorldAsync(PlatformId.Weibo);
        var account = await GrantedAccountAsync(PlatformId.Weibo);
        var c = await WalkAsync(world, await world.Runner.StartAsync(Request(PlatformId.Weibo, AccountVariant.Verified, account), Ct));
        var firstChallenge = c.ChallengeId;

        c = await world.Runner.RecordReviewAsync(c.Id, new ReviewOutcome(false, "认证信息与主体不符"), Ct);
        Assert.Equal((CertificationState.Rejected, "认证信息与主体不符"), (c.State, c.Reason));
        await Assert.ThrowsAsync<CertificationException>(() => world.Runner.RecordReviewAsync(c.Id, new ReviewOutcome(true), Ct));

        c = await world.Runner.ResumeFromAsync(c.Id, "modify", "op-1", Ct);
        Assert.Equal((CertificationState.InProgress, 1), (c.State, c.CompletedSteps.Count));
        Assert.Null(c.ChallengeId);
        Assert.Equal(ChallengeState.Rejected, (await world.Challenges.GetAsync(firstChallenge!, Ct))!.State);
        c = await world.Runner.CompleteStepAsync(c.Id, "modify", new StepCompletion(StepActor.Operator) { Uscc = Uscc.ToString(), InstitutionName = Organizer }, Ct);
        var reused = await Assert.ThrowsAsync<CertificationException>(() => world.Runner.CompleteStepAsync(c.Id, "scan", new StepCompletion(StepActor.Operator) { ChallengeId = firstChallenge }, Ct));
        Assert.Equal("identity_not_verified", reused.Code);
        c = await WalkAsync(world, c);
        Assert.NotEqual(firstChallenge, c.ChallengeId);
        c = await world.Runner.RecordReviewAsync(c.Id, new ReviewOutcome(true), Ct);

        Assert.Equal(CertificationState.Completed, c.State);
        Assert.Contains(c.History, h => h.Event == CertificationEvent.Resumed && h.StepId == "modify");
    }

    [Fact]
    public async Task TwoConcurrentApprovals_IssueOneBadge()
    {
        var world = await WorldAsync(PlatformId.Weibo);
        var account = await GrantedAccountAsync(PlatformId.Weibo);
        var c = await WalkAsync(world, await world.Runner.StartAsync(Request(PlatformId.Weibo, AccountVariant.Unverified, account), Ct));

        var reviews = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            try
            {
                return (await world.Runner.RecordReviewAsync(c.Id, new ReviewOutcome(true), Ct)).BadgeId;
            }
            catch (CertificationException ex) when (ex.Code is "concurrent_change" or "not_awaiting_review")
            {
                return null;
            }
        }));

        var done = (await world.Runner.GetAsync(c.Id, Ct))!;
        var badges = await _emulator.Client(EmulatorHost.KeyA).ListBadgesAsync(Uscc, 1, 100, Ct);
        Assert.Equal(CertificationState.Completed, done.State);
        Assert.Contains(done.BadgeId, reviews);
        Assert.Single(badges.Items, b => b.AccountId == account);
    }

    [Fact]
    public async Task ARestartMidFlow_ResumesAtTheSameStep_OverRedis()
    {
        var endpoint = RedisServer.EndpointOrSkip();
        var prefix = $"test:{Guid.NewGuid():N}:";
        var account = await GrantedAccountAsync(PlatformId.Kuaishou);
        string id;
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(endpoint))
        {
            var world = await WorldAsync(PlatformId.Kuaishou, new RedisCertificationStore(redis.GetDatabase(), prefix + "c:"), new RedisChallengeStore(redis.GetDatabase(), prefix + "q:"));
            var c = await world.Runner.StartAsync(Request(PlatformId.Kuaishou, AccountVariant.Unverified, account), Ct);
            c = await world.Runner.CompleteStepAsync(c.Id, "grant", new StepCompletion(StepActor.Administrator) { ActorId = "admin-a" }, Ct);
            id = c.Id;
        }

        // A new process: new connection, new runner, same Redis.
        await using var again = await ConnectionMultiplexer.ConnectAsync(endpoint);
        var restarted = await WorldAsync(PlatformId.Kuaishou, new RedisCertificationStore(again.GetDatabase(), prefix + "c:"), new RedisChallengeStore(again.GetDatabase(), prefix + "q:"));
        var resumed = (await restarted.Runner.GetAsync(id, Ct))!;
        Assert.Equal(["grant"], resumed.CompletedSteps);
        Assert.Equal("admin-a", resumed.History[^1].ActorId);
        await Assert.ThrowsAsync<CertificationException>(() => restarted.Runner.CompleteStepAsync(id, "grant", new StepCompletion(StepActor.Administrator), Ct));

        var done = await restarted.Runner.RecordReviewAsync((await WalkAsync(restarted, resumed)).Id, new ReviewOutcome(true), Ct);
        Assert.Equal(CertificationState.Completed, done.State);
    }

    [Fact]
    public async Task AnApproval_WhoseConsentAnEarlierAttemptUsed_FindsThatBadge()
    {
        var world = await WorldAsync(PlatformId.Weibo);
        var account = await GrantedAccountAsync(PlatformId.Weibo);
        var c = await WalkAsync(world, await world.Runner.StartAsync(Request(PlatformId.Weibo, AccountVariant.Unverified, account), Ct));

        // An earlier attempt issued the badge with the consent, and its answer never came back.
        var consent = (await world.Challenges.GetAsync(c.ChallengeId!, Ct))!.Answer!;
        var earlier = await _emulator.Client("demo-platform-weibo").IssueBadgeAsync(
            IssueBadgeRequest.ForPlatformAccount(Uscc, OrganizerName.Parse(Organizer), OnlineName.Parse("万载发布"), PlatformId.Weibo, account, consent), Ct);

        var done = await world.Runner.RecordReviewAsync(c.Id, new ReviewOutcome(true), Ct);

        Assert.Equal((CertificationState.Completed, earlier.Id), (done.State, done.BadgeId));
    }

    [Fact]
    public async Task VerifiedKuaishou_IsAttachedFromTheCensusRecord_WithoutAChallenge()
    {
        var world = await WorldAsync(PlatformId.Kuaishou);
        var account = "ks-" + Guid.NewGuid().ToString("N")[..10];
        var request = Request(PlatformId.Kuaishou, AccountVariant.Verified, account);

        var blocked = await world.Runner.StartAsync(request, Ct);
        Assert.Equal("census-record", blocked.BlockedBy);

        await _emulator.Census(EmulatorHost.KeyA).SubmitCensusRecordsAsync(new CensusSubmission
        {
            Uscc = Uscc.ToString(),
            Entries = [new CensusEntry { Platform = "kuaishou", AccountId = account, Name = "万载发布", Verified = true }],
        }, Ct);
        var waiting = await world.Runner.RetryPrerequisitesAsync(blocked.Id, cancellationToken: Ct);
        Assert.Equal(CertificationState.AwaitingCensusAttachment, waiting.State);
        world.Subjects.Set(PlatformId.Kuaishou, account, Uscc);

        var attached = await world.Runner.AttachFromCensusAsync(PlatformId.Kuaishou, Ct);
        var mine = Assert.Single(attached, a => a.Record.AccountId == account);
        var done = (await world.Runner.GetAsync(waiting.Id, Ct))!;

        Assert.Equal((CertificationState.Completed, mine.BadgeId), (done.State, done.BadgeId));
        Assert.Null(done.ChallengeId);
        var badge = await _emulator.Client().GetBadgeAsync(mine.BadgeId, Ct);
        Assert.Equal((Organizer, "万载发布"), (badge.OrganizerName.Value, badge.OnlineName.Value));
        Assert.DoesNotContain(await _emulator.Census("demo-platform-kuaishou").ListCensusAttachmentsAsync(PlatformId.Kuaishou, Ct), r => r.AccountId == account);
        await Assert.ThrowsAsync<BadgeAuthorityException>(() => _emulator.Census("demo-platform-weibo").ListCensusAttachmentsAsync(PlatformId.Kuaishou, Ct));
    }

    [Fact]
    public async Task ASampleAdapterForAnotherPlatform_WalksToItsBadgeThroughTheSameRunner()
    {
        var douyin = Badge.Platform.Adapters.DouyinAdapter.Douyin;
        var world = await WorldAsync(douyin);
        var account = await GrantedAccountAsync(douyin);

        var c = await WalkAsync(world, await world.Runner.StartAsync(Request(douyin, AccountVariant.Verified, account), Ct));
        c = await world.Runner.RecordReviewAsync(c.Id, new ReviewOutcome(true), Ct);

        Assert.Equal(["modify", "scan", "annual-fee"], c.CompletedSteps);
        Assert.Equal(CertificationState.Completed, c.State);
        Assert.Equal("douyin", (await _emulator.Client().GetBadgeAsync(c.BadgeId!, Ct)).Platform?.Value);
    }

    private sealed record World(CertificationRunner Runner, IChallengeStore Challenges, ChallengeIssuer Issuer, ChallengeVerifier Verifier,
        X509Certificate2 Platform, X509Certificate2Collection PlatformChain, X509Certificate2 Institution, X509Certificate2Collection InstitutionChain, X509Certificate2Collection Roots, InMemoryVerifiedAccountSubjects Subjects);

    private async Task<World> WorldAsync(PlatformId platform, ICertificationStore? store = null, IChallengeStore? challenges = null)
    {
        var key = "demo-platform-" + platform.Value;
        var (platformCertificate, platformChain) = await _emulator.CredentialAsync(key, platform: true);
        var (institution, institutionChain) = await _emulator.CredentialAsync(EmulatorHost.KeyA, platform: false);
        var roots = await _emulator.RootsAsync();
        var options = new ChallengeOptions();
        options.Roots.AddRange(roots);
        challenges ??= new InMemoryChallengeStore();
        var services = _emulator.Provider(key);
        var authority = services.GetRequiredService<IBadgeAuthorityClient>();
        var grants = services.GetRequiredService<IOperatorGrantClient>();
        IPlatformAdapter[] adapters = [new WeChatOfficialAccountAdapter(), new WeChatMiniProgramAdapter(), new WeiboAdapter(), new KuaishouAdapter(), new Badge.Platform.Adapters.DouyinAdapter()];
        var subjects = new InMemoryVerifiedAccountSubjects();
        return new World(
            new CertificationRunner(adapters, store ?? new InMemoryCertificationStore(), authority, grants, services.GetRequiredService<ICensusClient>(), challenges, TimeProvider.System, subjects),
            challenges, new ChallengeIssuer(challenges, options, TimeProvider.System), new ChallengeVerifier(challenges, grants, services.GetRequiredService<ICredentialAuthorityClient>(), options, TimeProvider.System),
            platformCertificate, platformChain, institution, institutionChain, roots, subjects);
    }

    private static CertificationRequest Request(PlatformId platform, AccountVariant variant, string account) =>
        new(platform, variant, account, OnlineName.Parse("万载发布"), Uscc, OrganizerName.Parse(Organizer), Operator) { Confirmed = ["mini-program-console", "apps-installed"] };

    private async Task<string> GrantedAccountAsync(PlatformId platform)
    {
        var account = platform.Value[..2] + "-" + Guid.NewGuid().ToString("N")[..10];
        await GrantAsync(platform, account);
        return account;
    }

    private Task<OperatorGrant> GrantAsync(PlatformId platform, string account) =>
        _emulator.GrantAsync(EmulatorHost.KeyA, Uscc, platform.Value, account, Operator);

    // The identity step as it happens: the platform creates the challenge, the credential app answers it, the platform verifies it.
    private static async Task<string> ApprovedChallengeAsync(World world, PlatformId platform, string account)
    {
        var challenge = await world.Issuer.CreateAsync(new CreateChallengeRequest { Platform = platform, AccountId = account, Uscc = Uscc, InstitutionName = OrganizerName.Parse(Organizer), PlatformCertificate = world.Platform, PlatformChain = world.PlatformChain }, Ct);
        var answer = ChallengeSigner.Approve(new ChallengeAnswerRequest { RequestJws = challenge.RequestJws, Credential = world.Institution, Chain = world.InstitutionChain, Roots = world.Roots, OperatorId = Operator, Now = DateTimeOffset.UtcNow });
        var result = await world.Verifier.VerifyAsync(answer, Ct);
        Assert.True(result.IsValid, result.Reason);
        return challenge.Id;
    }

    // Completes every remaining step with what it needs, each by its actor.
    private static async Task<Certification> WalkAsync(World world, Certification certification)
    {
        var flow = world.Runner.Flow(certification);
        foreach (var step in flow.Steps.Skip(certification.CompletedSteps.Count))
        {
            var completion = new StepCompletion(step.Actor)
            {
                Uscc = Uscc.ToString(),
                InstitutionName = Organizer,
                AgreementAccepted = step.Needs.HasFlag(StepNeeds.Agreement),
                ContactName = "李明",
                Nickname = "万载发布",
                InvoiceTitle = Organizer,
                FeeReference = "pay-" + Guid.NewGuid().ToString("N")[..8],
                ChallengeId = step.IsIdentityCheck ? await ApprovedChallengeAsync(world, certification.Platform, certification.AccountId) : null,
            };
            certification = await world.Runner.CompleteStepAsync(certification.Id, step.Id, completion, Ct);
        }

        return certification;
    }
}

/// <summary>The sample adapter honours the same contract as the built-in ones.</summary>
public sealed class DouyinAdapterConformance : Badge.Sdk.Testing.PlatformAdapterConformanceTests
{
    protected override IPlatformAdapter CreateAdapter() => new Badge.Platform.Adapters.DouyinAdapter();
}
