using Badge.Sdk.IntegrationTests.Mistakes;
using Badge.Sdk.TestData;

namespace Badge.Sdk.IntegrationTests.Tool.Commands;

/// <summary><c>badge issue</c> against the emulator, run as the built executable.</summary>
public sealed class IssueCommandTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly string Badge = Executable.Dll("src/Badge.Tool", "badge");
    private readonly EmulatorHost _emulator = fixture.Host;

    private string[] Issue(string domain, params string[] more) =>
        ["issue", "--uscc", EmulatorHost.InstitutionA.ToString(), "--organizer", "万载县人民政府办公室", "--name", "万载县人民政府网", "--domain", domain, "--authority", _emulator.Address.ToString(), .. more];

    [Fact]
    public async Task Issue_PrintsTheBadge_AndADuplicateIsRefusedByTheAuthority_ExitCode2()
    {
        var domain = EmulatorHost.UniqueDomain("cli");

        var issued = await Executable.RunAsync(Badge, Issue(domain, "--api-key", EmulatorHost.KeyA));
        var duplicate = await Executable.RunAsync(Badge, Issue(domain, "--api-key", EmulatorHost.KeyA));

        Assert.True(issued.Code == 0, issued.Error);
        var id = issued.Output.Split('\n')[0]["issued ".Length..].Trim();
        Assert.StartsWith("issued bdg-", issued.Output, StringComparison.Ordinal);
        Assert.Contains("embed code  <script", issued.Output, StringComparison.Ordinal);
        Assert.Equal(domain, (await _emulator.Client().GetBadgeAsync(id, TestContext.Current.CancellationToken)).Domain?.Ascii);
        Executable.AssertMistake(duplicate, 2, "The authority refused (");
    }

    [Fact]
    public async Task IssueWithoutKey_NamesTheOptionAndTheVariable()
    {
        var run = await Executable.RunAsync(Badge, Issue("www.example.gov.cn"));

        Executable.AssertMistake(run, 2, "--api-key", "BADGE_API_KEY");
        Assert.DoesNotContain("BadgeAuthorityClientOptions", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssueWithoutADomain_IsAUsageError_NamingTheOption()
    {
        var run = await Executable.RunAsync(Badge, ["issue", "--uscc", "11360922MB0001230X", "--organizer", "万载县人民政府办公室", "--name", "演示", "--api-key", "k", "--authority", _emulator.Address.ToString()]);

        Executable.AssertMistake(run, 2, "badge issue: Option '--domain' is required.", "Run 'badge issue --help' for usage.");
    }
}
