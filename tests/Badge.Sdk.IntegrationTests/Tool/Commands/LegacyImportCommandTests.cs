using System.Security.Cryptography;
using Badge.Sdk.IntegrationTests.Mistakes;
using Badge.Tool;
using static Badge.Sdk.TestData.EmulatorHost;

namespace Badge.Sdk.IntegrationTests.Tool.Commands;

/// <summary>
/// <c>badge import-legacy</c> against the emulator: streamed, resumable, bad rows reported, not fatal; a missing
/// file or option is a usage error naming <c>--from</c>.
/// </summary>
public sealed class LegacyImportCommandTests : IAsyncLifetime
{
    private static readonly string Badge = Executable.Dll("src/Badge.Tool", "badge");
    private readonly string _directory = Directory.CreateTempSubdirectory("badge-import-").FullName;
    private EmulatorHost _authority = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _authority = await EmulatorHost.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _authority.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private Task<int> Import(string csv, string key = AuthorityKey) =>
        BadgeCommand.Create()
            .Parse(["import-legacy", "--from", csv, "--authority", _authority.Address.ToString(), "--api-key", key])
            .InvokeAsync(cancellationToken: Ct);

    private static string Row(string id) => $"{id},{UniqueDomain("old")},万载县人民政府办公室,{InstitutionA}";

    [Fact]
    public async Task Import_ImportsEveryRow_ReportsBadOnes_AndResumesFromTheCheckpoint()
    {
        var ids = Enumerable.Range(0, 5).Select(_ => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))).ToList();
        var csv = Path.Combine(_directory, "legacy.csv");
        await File.WriteAllLinesAsync(csv, ["legacyId,domain,organizer,uscc", .. ids.Take(3).Select(Row), "not-hex,x.test,万载县人民政府办公室," + InstitutionA], Ct);

        var first = await Import(csv);
        // The run was "interrupted" after row 2: the checkpoint says so, and the rest of the file arrives later.
        await File.WriteAllTextAsync(csv + ".checkpoint", "2", Ct);
        await File.AppendAllLinesAsync(csv, ids.Skip(3).Select(Row), Ct);
        var second = await Import(csv);

        Assert.Equal(1, first);   // one row refused
        Assert.Equal(1, second);  // the refused row is seen again on resume; the held ones count as done
        foreach (var id in ids)
        {
            var badge = await _authority.Client().GetBadgeAsync(id, Ct);
            Assert.True(badge.IsLegacy);
        }

        var errors = await File.ReadAllLinesAsync(csv + ".errors.csv", Ct);
        Assert.Equal(2, errors.Length);
        Assert.All(errors, e => Assert.StartsWith("5,legacyId,", e, StringComparison.Ordinal));
        Assert.Equal("7", await File.ReadAllTextAsync(csv + ".checkpoint", Ct));
    }

    [Fact]
    public async Task Import_ReadsQuotedFields_AsASpreadsheetWritesThem()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var csv = Path.Combine(_directory, "quoted.csv");
        // Saved from a spreadsheet: every field quoted, and the online name holding a comma and a quote.
        await File.WriteAllLinesAsync(csv, ["legacyId,domain,organizer,uscc,onlineName", $"\"{id}\",\"{UniqueDomain("quoted")}\",\"万载县人民政府办公室\",\"{InstitutionA}\",\"万载县人民政府网,\"\"旧版\"\"\""], Ct);

        var code = await Import(csv);

        Assert.Equal(0, code);
        var badge = await _authority.Client().GetBadgeAsync(id, Ct);
        Assert.True(badge.IsLegacy);
        Assert.Equal("万载县人民政府网,\"旧版\"", (await _authority.Client().GetCertificateAsync(id, Ct)).OnlineName.Value);
    }

    [Fact]
    public async Task Import_WithAnInstitutionsKey_StopsAndKeepsTheCheckpoint()
    {
        var csv = Path.Combine(_directory, "forbidden.csv");
        await File.WriteAllLinesAsync(csv, [Row(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)))], Ct);

        var code = await Import(csv, KeyA);

        Assert.Equal(1, code);
        Assert.Equal("0", await File.ReadAllTextAsync(csv + ".checkpoint", Ct));
    }

    [Fact]
    public async Task Import_FromAFileThatDoesNotExist_NamesTheOption_ExitCode2_AndWritesNothing()
    {
        var csv = Path.Combine(_directory, "missing.csv");

        var run = await Executable.RunAsync(Badge, ["import-legacy", "--from", csv, "--authority", _authority.Address.ToString(), "--api-key", AuthorityKey]);

        Executable.AssertMistake(run, 2, $"--from: {csv} does not exist");
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task Import_WithoutFrom_IsAUsageError_NamingTheOption()
    {
        var run = await Executable.RunAsync(Badge, ["import-legacy", "--authority", _authority.Address.ToString(), "--api-key", AuthorityKey]);

        Executable.AssertMistake(run, 2, "badge import-legacy: Option '--from' is required.", "Run 'badge import-legacy --help' for usage.");
    }
}
