using System.Net;
using System.Net.Sockets;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Badge.Sdk.TestData;

namespace Badge.Sdk.IntegrationTests.Mistakes;

/// <summary>
/// Ordinary mistakes with the <c>badge</c> tool, run as the built executable: one or two lines, the documented exit
/// code (2: usage or input error), no stack trace.
/// </summary>
public sealed class ToolMistakeTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly string Badge = Executable.Dll("src/Badge.Tool", "badge");
    private readonly EmulatorHost _emulator = fixture.Host;

    [Fact]
    public async Task Help_NamesTheCommandBadge()
    {
        var run = await Executable.RunAsync(Badge, ["--help"]);

        Assert.Equal(0, run.Code);
        Assert.Contains("badge [command] [options]", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Badge.Tool", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthorityWithoutScheme_SaysHowToWriteIt()
    {
        var run = await Executable.RunAsync(Badge, ["lookup", "bdg-x", "--authority", "127.0.0.1:5280"]);

        Executable.AssertMistake(run, 2, "--authority '127.0.0.1:5280' has no scheme", "--authority http://127.0.0.1:5280/");
    }

    [Fact]
    public async Task IssueWithoutKey_NamesTheOptionAndTheVariable()
    {
        var run = await Executable.RunAsync(Badge, ["issue", "--uscc", "11360922MB0001230X", "--organizer", "万载县人民政府办公室", "--name", "演示", "--domain", "www.example.gov.cn", "--authority", _emulator.Address.ToString()]);

        Executable.AssertMistake(run, 2, "--api-key", "BADGE_API_KEY");
        Assert.DoesNotContain("BadgeAuthorityClientOptions", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LookupOfAnUnknownBadge_SaysTheAuthorityHasNone()
    {
        var run = await Executable.RunAsync(Badge, ["lookup", "bdg-nope", "--authority", _emulator.Address.ToString()]);

        Executable.AssertMistake(run, 2, $"The authority at {_emulator.Address} has no badge 'bdg-nope'.");
    }

    [Fact]
    public async Task UnreachableAuthority_SaysHowToStartOne()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var run = await Executable.RunAsync(Badge, ["lookup", "bdg-x", "--authority", $"http://127.0.0.1:{port}/"]);

        Executable.AssertMistake(run, 2, $"Could not reach the authority at http://127.0.0.1:{port}/", "dotnet run --project samples/Badge.Authority");
    }

    [Fact]
    public async Task UnknownCommand_IsAUsageError()
    {
        var run = await Executable.RunAsync(Badge, ["frobnicate"]);

        Assert.Equal(2, run.Code);
        Assert.Contains("Run 'badge --help' for usage.", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_LabelsItsTwoOutputs_AndPrintsOneAloneOnRequest()
    {
        var issued = await _emulator.Client(EmulatorHost.KeyA).IssueBadgeAsync(IssueBadgeRequest.ForWebsite(
            EmulatorHost.InstitutionA, OrganizerName.Parse("万载县人民政府办公室"), OnlineName.Parse("渲染演示"), SiteDomain.Parse(EmulatorHost.UniqueDomain("render"))), TestContext.Current.CancellationToken);

        var both = await Executable.RunAsync(Badge, ["render", issued.Id, "--authority", _emulator.Address.ToString()]);
        var embed = await Executable.RunAsync(Badge, ["render", issued.Id, "--embed", "--authority", _emulator.Address.ToString()]);

        Assert.True(both.Code == 0, both.Error);
        var footerAt = both.Output.IndexOf("Footer fragment", StringComparison.Ordinal);
        var embedAt = both.Output.IndexOf("Embed code", StringComparison.Ordinal);
        Assert.True(footerAt >= 0 && embedAt > footerAt, both.Output);
        Assert.Contains("data-online-badge", both.Output[footerAt..embedAt], StringComparison.Ordinal);
        Assert.Contains("<script", both.Output[embedAt..], StringComparison.Ordinal);
        Assert.Equal(0, embed.Code);
        Assert.StartsWith("<script", embed.Output.TrimStart(), StringComparison.Ordinal);
        Assert.DoesNotContain("Footer fragment", embed.Output, StringComparison.Ordinal);
    }
}
