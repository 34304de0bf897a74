using Badge.Sdk.IntegrationTests.Mistakes;

namespace Badge.Sdk.IntegrationTests.Tool.Commands;

/// <summary><c>badge uscc</c>, run as the built executable: a code explained part by part, or what is wrong with it.</summary>
public sealed class UsccCommandTests
{
    private static readonly string Badge = Executable.Dll("src/Badge.Tool", "badge");

    [Fact]
    public async Task ValidCode_TypedInFullWidth_IsNormalized_AndExplainedPartByPart()
    {
        var run = await Executable.RunAsync(Badge, ["uscc", "１１３６０９２２ｍｂ０００１２３０ｘ"]);

        Assert.True(run.Code == 0, run.Error);
        Assert.StartsWith("✓ 11360922MB0001230X（已规范化）", run.Output, StringComparison.Ordinal);
        Assert.Contains("administrative division 行政区划码   360922", run.Output, StringComparison.Ordinal);
        Assert.Contains("Badges are issued to this kind of institution.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CodeWithAWrongCheckCharacter_SaysSo_ExitCode1()
    {
        var run = await Executable.RunAsync(Badge, ["uscc", "11360922MB0001230Y"]);

        Assert.Equal(1, run.Code);
        Assert.StartsWith("✗ check character should be 'X' but is 'Y'", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("✓", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutACode_IsAUsageError_NamingTheArgument()
    {
        var run = await Executable.RunAsync(Badge, ["uscc"]);

        Executable.AssertMistake(run, 2, "badge uscc: Required argument missing for command: 'uscc'.", "Run 'badge uscc --help' for usage.");
    }
}
