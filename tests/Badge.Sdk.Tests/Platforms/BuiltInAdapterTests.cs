using Badge.Sdk.Platforms;
using Badge.Sdk.Testing;
using Badge.Sdk.Identity;

namespace Badge.Sdk.Tests.Platforms;

public sealed class WeChatOfficialAccountConformance : PlatformAdapterConformanceTests
{
    protected override IPlatformAdapter CreateAdapter() => new WeChatOfficialAccountAdapter();
}

public sealed class WeChatMiniProgramConformance : PlatformAdapterConformanceTests
{
    protected override IPlatformAdapter CreateAdapter() => new WeChatMiniProgramAdapter();
}

public sealed class WeiboConformance : PlatformAdapterConformanceTests
{
    protected override IPlatformAdapter CreateAdapter() => new WeiboAdapter();
}

public sealed class KuaishouConformance : PlatformAdapterConformanceTests
{
    protected override IPlatformAdapter CreateAdapter() => new KuaishouAdapter();
}

/// <summary>Each built-in flow pinned to the manual: step count, order, the identity step, the fee/invoice step.</summary>
public sealed class BuiltInAdapterTests
{
    public static TheoryData<string, string, int, int, string, bool> Manual => new()
    {
        // platform, variant, steps, identity step number, identity step id, has a fee/invoice step
        { "wechat-oa", "unverified", 4, 4, "scan", false },
        { "wechat-oa", "verified", 7, 4, "scan", true },
        { "wechat-mp", "unverified", 4, 4, "scan", false },
        { "wechat-mp", "verified", 8, 5, "scan", true },
        { "weibo", "unverified", 4, 3, "scan", false },
        { "weibo", "unverified/phone", 3, 3, "form-authorize", false },
        { "weibo", "verified", 4, 3, "scan", false },
        { "kuaishou", "unverified", 3, 3, "scan", false },
    };

    private static readonly IPlatformAdapter[] Adapters = [new WeChatOfficialAccountAdapter(), new WeChatMiniProgramAdapter(), new WeiboAdapter(), new KuaishouAdapter()];

    [Theory]
    [MemberData(nameof(Manual))]
    public void StepsArePinnedToTheManual(string platform, string variant, int steps, int identityNumber, string identityId, bool fee)
    {
        var flow = Flow(platform, variant);

        Assert.Equal(steps, flow.Steps.Count);
        var identity = Assert.Single(flow.Steps, s => s.IsIdentityCheck);
        Assert.Equal((identityNumber, identityId), (identity.Number, identity.Id));
        Assert.Equal(fee, flow.Steps.Any(s => s.Needs.HasFlag(StepNeeds.Fee) && s.Needs.HasFlag(StepNeeds.Invoice)));
        Assert.Equal(BadgeAttachment.PlatformAfterReview, flow.Attachment);
    }

    [Fact]
    public void WeChatVerifiedFlows_AddContactNicknameAndInvoiceAfterTheIdentityStep()
    {
        foreach (var platform in new[] { "wechat-oa", "wechat-mp" })
        {
            var steps = Flow(platform, "verified").Steps;
            Assert.Equal(["contact", "nickname", "invoice-fee"], steps.SkipWhile(s => !s.IsIdentityCheck).Skip(1).Select(s => s.Id));
            // The operator fills in the contact and clicks 下一步; the contact only scans, which the completion carries.
            Assert.Equal((StepActor.Operator, StepNeeds.ContactScan), (steps.Single(s => s.Id == "contact").Actor, steps.Single(s => s.Id == "contact").Needs));
        }
    }

    [Fact]
    public void WeiboOnThePhone_IsADeepLink_AndEveryOtherIdentityStepAQrChallenge()
    {
        Assert.Equal(IdentityCheckKind.DeepLink, Flow("weibo", "unverified/phone").Steps.Single(s => s.IsIdentityCheck).IdentityCheck);
        foreach (var adapter in Adapters)
        {
            foreach (var variant in adapter.Variants.Where(v => v.Channel == AccountChannel.Web))
            {
                Assert.All(adapter.GetFlow(variant).Steps.Where(s => s.IsIdentityCheck), s => Assert.Equal(IdentityCheckKind.QrChallenge, s.IdentityCheck));
            }
        }
    }

    [Fact]
    public void Kuaishou_StepOneIsTheGrant_AndVerifiedAccountsGoThroughTheCensus()
    {
        var unverified = Flow("kuaishou", "unverified");
        Assert.Equal((1, StepActor.Administrator), (unverified.Steps[0].Number, unverified.Steps[0].Actor));
        Assert.True(unverified.Steps[0].Needs.HasFlag(StepNeeds.OperatorGrant));
        Assert.Empty(unverified.Prerequisites);

        var verified = Flow("kuaishou", "verified");
        Assert.Empty(verified.Steps);
        Assert.Equal(BadgeAttachment.FromCensusRecord, verified.Attachment);
        Assert.Equal(PrerequisiteKind.CensusRecord, Assert.Single(verified.Prerequisites).Kind);
    }

    [Fact]
    public void OtherFlows_RequireTheOperatorGrantBeforeStepOne_AndMiniProgramsTheConsoleCheck()
    {
        foreach (var adapter in Adapters.Where(a => a.Platform != PlatformId.Kuaishou))
        {
            Assert.All(adapter.Variants, v => Assert.Equal(PrerequisiteKind.OperatorGrant, adapter.GetFlow(v).Prerequisites[0].Kind));
        }

        Assert.Contains(Flow("wechat-mp", "unverified").Prerequisites, p => p.Kind == PrerequisiteKind.OperatorConfirms && p.TitleZh.Contains("小程序", StringComparison.Ordinal));
    }

    [Fact]
    public void FlowBuilder_RefusesDuplicateIdsAndAReviewFlowWithoutIdentity()
    {
        var builder = CertificationFlow.Create(PlatformId.Weibo, AccountVariant.Unverified).Step("a", "甲", "A");
        Assert.Contains("already has a step 'a'", Assert.Throws<ArgumentException>(() => builder.Step("a", "乙", "B")).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => builder.Step("Bad Id", "乙", "B"));
        Assert.Throws<InvalidOperationException>(builder.AttachedAfterReview);
    }

    [Fact]
    public void FlowBuilder_Instruction_DescribesTheStepAddedLast_AndNeedsOne()
    {
        var empty = CertificationFlow.Create(PlatformId.Weibo, AccountVariant.Unverified);
        Assert.Contains("no step yet", Assert.Throws<InvalidOperationException>(() => empty.Instruction("依次点击。")).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => empty.Step("a", "甲", "A").Instruction(" "));

        var flow = CertificationFlow.Create(PlatformId.Weibo, AccountVariant.Unverified)
            .Step("a", "甲", "A").Instruction(" 先点击甲。 ")
            .IdentityStep("scan", "乙", "B")
            .AttachedAfterReview();

        Assert.Equal("先点击甲。", flow.Step("a").InstructionZh);
        Assert.Null(flow.Step("scan").InstructionZh);
    }

    private static CertificationFlow Flow(string platform, string variant)
    {
        var adapter = Adapters.Single(a => a.Platform.Value == platform);
        return adapter.GetFlow(adapter.Variants.Single(v => v.ToString() == variant));
    }
}
