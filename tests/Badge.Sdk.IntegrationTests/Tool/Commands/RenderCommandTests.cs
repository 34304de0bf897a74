using Badge.Sdk.Identity;
using Badge.Sdk.IntegrationTests.Mistakes;
using Badge.Sdk.Issuance;
using Badge.Sdk.TestData;

namespace Badge.Sdk.IntegrationTests.Tool.Commands;

/// <summary><c>badge render</c> against the emulator, run as the built executable.</summary>
public sealed class RenderCommandTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly string Badge = Executable.Dll("src/Badge.Tool", "badge");
    private readonly EmulatorHost _emulator = fixture.Host;

    [Fact]
    public async Task Render_LabelsItsTwoOutputs_AndPrintsOneAloneOnRequest()
    {
        var issued = await _emulator.Client(EmulatorHost.KeyA).IssueBadgeAsync(IssueBadgeRequest.ForWebsite(
            EmulatorHost.InstitutionA, OrganizerName.Parse("万载县人民政府办公室"), OnlineName.Parse("渲染演示"), SiteDomain.Parse(EmulatorHost.UniqueDomain("render"))), TestContext.Current.CancellationToken);

        var both = await Executable.RunAsync(Badge, ["render", issued.Id, "--authority", _emulator.Address.ToString()]);
        var embed = await Executable.RunAsync(Badge, ["render", issued.Id, "--embed", "--authority", _emulator.Address.ToString()]);
        var footer = await Executable.RunAsync(Badge, ["render", issued.Id, "--footer", "--authority", _emulator.Address.ToString()]);

        Assert.True(both.Code == 0, both.Error);
        var footerAt = both.Output.IndexOf("Footer fragment", StringComparison.Ordinal);
        var embedAt = both.Output.IndexOf("Embed code", StringComparison.Ordinal);
        Assert.True(footerAt >= 0 && embedAt > footerAt, both.Output);
        Assert.Contains("data-online-badge", both.Output[footerAt..embedAt], StringComparison.Ordinal);
        Assert.Contains("<script", both.Output[embedAt..], StringComparison.Ordinal);
        Assert.Equal(0, embed.Code);
        Assert.StartsWith("<script", embed.Output.TrimStart(), StringComparison.Ordinal);
        Assert.DoesNotContain("Footer fragment", embed.Output, StringComparison.Ordinal);
        Assert.Equal(0, footer.Code);
        Assert.Contains("data-online-badge", footer.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", footer.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Embed code", footer.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderOfAnUnknownBadge_SaysTheAuthorityHasNone()
    {
        var run = await Executable.RunAsync(Badge, ["render", "bdg-nope", "--authority", _emulator.Address.ToString()]);

        Executable.AssertMistake(run, 2, $"The authority at {_emulator.Address} has no badge 'bdg-nope'.");
    }

    [Fact]
    public async Task RenderWithoutAnId_IsAUsageError_NamingTheArgument()
    {
        var run = await Executable.RunAsync(Badge, ["render", "--embed", "--authority", _emulator.Address.ToString()]);

        Executable.AssertMistake(run, 2, "badge render: Required argument missing for command: 'render'.");
    }
}
