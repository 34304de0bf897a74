using Badge.Sdk.Platforms;

namespace Badge.Sdk.Tests.Platforms;

/// <summary>
/// Every built-in adapter's flow equals the manual as transcribed in <see cref="ManualFlowTable"/>: prerequisites,
/// step ids, order, Chinese titles, actors, requirements, what is clicked or filled, the instruction text a page shows
/// (the manual's sentence), and how the badge is attached.
/// </summary>
public sealed class ManualFlowTableTests
{
    private static readonly IPlatformAdapter[] Adapters = [new WeChatOfficialAccountAdapter(), new WeChatMiniProgramAdapter(), new WeiboAdapter(), new KuaishouAdapter()];

    public static TheoryData<string, string> Rows => new(ManualFlowTable.Flows.Select(f => (f.Platform, f.Variant)));

    [Theory]
    [MemberData(nameof(Rows))]
    public void BuiltInFlow_EqualsTheManual(string platform, string variant)
    {
        var row = Row(platform, variant);

        var differences = Differences(row, Flow(platform, variant));

        Assert.True(differences.Count == 0, $"{platform} {variant} ({row.Section}) differs from the manual:\n" + string.Join("\n", differences));
    }

    [Fact]
    public void EveryBuiltInFlow_IsInTheTable_AndEveryRowIsABuiltInFlow()
    {
        var built = Adapters.SelectMany(a => a.Variants.Select(v => (a.Platform.Value, v.ToString()))).Order().ToList();
        var table = ManualFlowTable.Flows.Select(f => (f.Platform, f.Variant)).Order().ToList();

        Assert.Equal(table, built);
    }

    // The table itself is held to the manual: its steps are numbered as the manual numbers them, and every click or
    // entry is quoted from the manual's sentence for the step.
    [Fact]
    public void TheTable_QuotesTheManual()
    {
        string[] numerals = ["一", "二", "三", "四", "五", "六", "七", "八"];
        foreach (var flow in ManualFlowTable.Flows)
        {
            for (var i = 0; i < flow.Steps.Length; i++)
            {
                var step = flow.Steps[i];
                Assert.StartsWith($"第{numerals[i]}步，", step.Manual, StringComparison.Ordinal);
                Assert.All(step.Actions, a => Assert.Contains(a, step.Manual, StringComparison.Ordinal));
                Assert.NotEmpty(step.Actions);
            }

            Assert.All(flow.Prerequisites, p => Assert.False(string.IsNullOrWhiteSpace(p.Manual)));
            Assert.All(flow.Steps.Select(s => s.BeyondManual).Concat(flow.Prerequisites.Select(p => p.BeyondManual)).OfType<string>(), b => Assert.False(string.IsNullOrWhiteSpace(b)));
        }
    }

    // The comparison catches what a test that only counts steps does not: swapped steps, a renamed step or action, a
    // step given to another actor, a dropped requirement, a prerequisite where the manual has none.
    [Fact]
    public void MutatedFlows_FailTheComparison()
    {
        var row = Row("wechat-oa", "verified");
        var flow = Flow("wechat-oa", "verified");
        Assert.Empty(Differences(row, flow));

        var steps = flow.Steps;
        var swapped = flow with { Steps = [steps[1] with { Number = 1 }, steps[0] with { Number = 2 }, .. steps.Skip(2)] };
        Assert.Contains(Differences(row, swapped), d => d.Contains("step 1", StringComparison.Ordinal) && d.Contains("organisation-type", StringComparison.Ordinal));

        var renamed = flow with { Steps = [steps[0] with { TitleZh = "依次点击“微信认证”“开通”", Actions = ["微信认证", "开通"] }, .. steps.Skip(1)] };
        Assert.Contains(Differences(row, renamed), d => d.Contains("title", StringComparison.Ordinal) && d.Contains("重新开通", StringComparison.Ordinal));
        Assert.Contains(Differences(row, renamed), d => d.Contains("actions", StringComparison.Ordinal));

        var reworded = flow with { Steps = [.. steps.Select(s => s.Id == "form" ? s with { InstructionZh = "根据页面提示填写相应信息，确保单位名称与统一社会信用代码一致。" } : s)] };
        Assert.Contains(Differences(row, reworded), d => d.Contains("'form' instruction", StringComparison.Ordinal));

        var contact = steps.Single(s => s.Id == "contact");
        var otherActor = flow with { Steps = [.. steps.Select(s => s.Id == "contact" ? contact with { Actor = StepActor.ContactPerson } : s)] };
        Assert.Contains(Differences(row, otherActor), d => d.Contains("'contact'", StringComparison.Ordinal) && d.Contains("actor", StringComparison.Ordinal));

        var mini = Flow("wechat-mp", "unverified");
        var noAgreement = mini with { Steps = [.. mini.Steps.Select(s => s.Id == "organisation-type" ? s with { Needs = StepNeeds.None } : s)] };
        Assert.Contains(Differences(Row("wechat-mp", "unverified"), noAgreement), d => d.Contains("needs", StringComparison.Ordinal));

        var miniVerified = Flow("wechat-mp", "verified");
        var extraCheck = miniVerified with { Prerequisites = [.. miniVerified.Prerequisites, mini.Prerequisites.Single(p => p.Id == "mini-program-console")] };
        Assert.Contains(Differences(Row("wechat-mp", "verified"), extraCheck), d => d.Contains("prerequisites", StringComparison.Ordinal));
    }

    // Every difference between a table row and a flow, in words.
    private static List<string> Differences(ManualFlow row, CertificationFlow flow)
    {
        var differences = new List<string>();
        void Check<T>(string what, T expected, T actual)
        {
            if (!EqualityComparer<T>.Default.Equals(expected, actual))
            {
                differences.Add($"{what}: the manual has {expected}, the flow {actual}");
            }
        }

        Check("platform", row.Platform, flow.Platform.Value);
        Check("variant", row.Variant, flow.Variant.ToString());
        Check("attachment", row.Attachment, flow.Attachment);
        Check("prerequisites", string.Join(", ", row.Prerequisites.Select(p => $"{p.Id} ({p.Kind}) {p.TitleZh}")), string.Join(", ", flow.Prerequisites.Select(p => $"{p.Id} ({p.Kind}) {p.TitleZh}")));
        Check("steps", string.Join(" → ", row.Steps.Select(s => s.Id)), string.Join(" → ", flow.Steps.Select(s => s.Id)));
        for (var i = 0; i < Math.Max(row.Steps.Length, flow.Steps.Count); i++)
        {
            if (i >= row.Steps.Length || i >= flow.Steps.Count)
            {
                differences.Add($"step {i + 1}: the manual has {(i < row.Steps.Length ? row.Steps[i].Id : "none")}, the flow {(i < flow.Steps.Count ? flow.Steps[i].Id : "none")}");
                continue;
            }

            var expected = row.Steps[i];
            var actual = flow.Steps[i];
            var at = $"step {i + 1} '{expected.Id}'";
            Check($"{at} id", expected.Id, actual.Id);
            Check($"{at} number", i + 1, actual.Number);
            Check($"{at} title", expected.TitleZh, actual.TitleZh);
            Check($"{at} actor", expected.Actor, actual.Actor);
            Check($"{at} needs", expected.Needs, actual.Needs);
            Check($"{at} identity check", expected.Identity, actual.IdentityCheck);
            Check($"{at} actions", string.Join(" / ", expected.Actions), string.Join(" / ", actual.Actions));
            Check($"{at} instruction", Instruction(expected), actual.InstructionZh);
        }

        return differences;
    }

    // The step's instruction text is the manual's sentence without its "第N步，" lead.
    private static string Instruction(ManualStep step) => step.Manual[(step.Manual.IndexOf('，', StringComparison.Ordinal) + 1)..];

    private static ManualFlow Row(string platform, string variant) => ManualFlowTable.Flows.Single(f => f.Platform == platform && f.Variant == variant);

    private static CertificationFlow Flow(string platform, string variant)
    {
        var adapter = Adapters.Single(a => a.Platform.Value == platform);
        return adapter.GetFlow(adapter.Variants.Single(v => v.ToString() == variant));
    }
}
