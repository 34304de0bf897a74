using Badge.Sdk.IntegrationTests.Mistakes;
using Badge.Sdk.TestData;

namespace Badge.Sdk.IntegrationTests.Tool.Commands;

/// <summary><c>badge lookup</c> against the emulator, run as the built executable.</summary>
public sealed class LookupCommandTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly string Badge = Executable.Dll("src/Badge.Tool", "badge");
    private readonly EmulatorHost _emulator = fixture.Host;

    [Fact]
    public async Task LookupOfAnUnknownBadge_SaysTheAuthorityHasNone()
    {
        var run = await Executable.RunAsync(Badge, ["lookup", "bdg-nope", "--authority", _emulator.Address.ToString()]);

        Executable.AssertMistake(run, 2, $"The authority at {_emulator.Address} has no badge 'bdg-nope'.");
    }

    [Fact]
    public async Task LookupWithoutAnId_IsAUsageError_NamingTheArgument()
    {
        var run = await Executable.RunAsync(Badge, ["lookup", "--authority", _emulator.Address.ToString()]);

        Executable.AssertMistake(run, 2, "badge lookup: Required argument missing for command: 'lookup'.", "Run 'badge lookup --help' for usage.");
    }

    [Fact]
    public async Task LookupOfAnIssuedBadge_PrintsTheBadgeAndItsCertificate_AsJson()
    {
        var issued = await _emulator.Client(EmulatorHost.KeyA).IssueBadgeAsync(EmulatorHost.Website(EmulatorHost.UniqueDomain("lookup")), TestContext.Current.CancellationToken);

        var run = await Executable.RunAsync(Badge, ["lookup", issued.Id, "--authority", _emulator.Address.ToString()]);

        Assert.True(run.Code == 0, run.Error);
        using var json = System.Text.Json.JsonDocument.Parse(run.Output);
        Assert.Equal(issued.Id, json.RootElement.GetProperty("badge").GetProperty("id").GetString());
        Assert.Equal(issued.Id, json.RootElement.GetProperty("certificate").GetProperty("badgeId").GetString());
    }
}
