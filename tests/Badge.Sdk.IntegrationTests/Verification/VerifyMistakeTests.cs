using System.Diagnostics;
using System.Text;

namespace Badge.Sdk.IntegrationTests.Verification;

/// <summary>
/// Ordinary mistakes with `badge verify`, made with the real built tool (its own build output, run with
/// <c>dotnet exec</c>) as a user makes them: each gets a line or two saying what is wrong and what to do, exit code
/// 2 (usage or input error), and no stack trace; an internal error is exit code 3, with its trace only under
/// <c>--verbose</c>.
/// </summary>
public sealed class VerifyMistakeTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("badge-mistake-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _directory.Delete(recursive: true);

    // The tool's own output folder, beside this test project's: same configuration and target framework.
    private static string ToolPath()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var root = here.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var tool = Path.Combine(root, "src", "Badge.Tool", "bin", configuration, framework, "badge.dll");
        Assert.True(File.Exists(tool), $"build src/Badge.Tool first: {tool} is missing");
        return tool;
    }

    private async Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = _directory.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(ToolPath());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Nothing here may reach a network: the authority is a closed port on loopback.
        start.ArgumentList.Add("--authority");
        start.ArgumentList.Add("http://127.0.0.1:9/");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, await output, await error);
    }

    private string Csv(params string[] lines)
    {
        var path = Path.Combine(_directory.FullName, "sites.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    private static void NoStackTrace(string text) => Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);

    private static int Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;

    [Fact]
    public async Task FromAFileThatDoesNotExist_SaysFileNotFound_ExitCode2()
    {
        var (code, output, error) = await RunAsync("verify", "--from", "nope.csv");

        Assert.Equal(2, code);
        Assert.Contains("file not found", error, StringComparison.Ordinal);
        Assert.Contains("nope.csv", error, StringComparison.Ordinal);
        Assert.InRange(Lines(error), 1, 2);
        NoStackTrace(error + output);
    }

    [Fact]
    public async Task CsvWithTheWrongHeader_IsRefused_NamingTheExpectedColumns_AndNothingIsWritten()
    {
        var csv = Csv("website,name,code", "http://gov-a.test/,万载县人民政府办公室,11360922MB0001230X");

        var (code, output, error) = await RunAsync("verify", "--from", csv, "--out", "report");

        Assert.Equal(2, code);
        Assert.Contains("url,organizer,uscc", error, StringComparison.Ordinal);
        Assert.Contains("line 1", error, StringComparison.Ordinal);
        Assert.InRange(Lines(error), 1, 2);
        Assert.False(File.Exists(Path.Combine(_directory.FullName, "report.csv")), "the header row must not be checked as a site");
        NoStackTrace(error + output);
    }

    [Fact]
    public async Task InvalidUsccInABulkCsv_NamesTheRowAndTheColumn()
    {
        var csv = Csv("url,organizer,uscc", "http://gov-a.test/,万载县人民政府办公室,11360922MB0001230X", "http://gov-b.test/,万载县人民政府办公室,11360922MB0001230Y");

        var (code, output, error) = await RunAsync("verify", "--from", csv, "--out", "report");

        Assert.Equal(2, code);
        Assert.Contains("line 3", error, StringComparison.Ordinal);
        Assert.Contains("column uscc", error, StringComparison.Ordinal);
        Assert.Contains("11360922MB0001230Y", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory.FullName, "report.csv")));
        NoStackTrace(error + output);
    }

    [Fact]
    public async Task NotAnAddress_OrAnUnknownOption_IsAUsageError()
    {
        var notAnAddress = await RunAsync("verify", "gov-a.test");
        var unknownOption = await RunAsync("verify", "http://gov-a.test/", "--organiser", "x");
        var badCode = await RunAsync("verify", "http://gov-a.test/", "--uscc", "123");

        Assert.Equal(2, notAnAddress.ExitCode);
        Assert.Contains("not a site's address", notAnAddress.Error, StringComparison.Ordinal);
        Assert.Equal(2, unknownOption.ExitCode);
        Assert.Contains("--organiser", unknownOption.Error, StringComparison.Ordinal);
        Assert.Equal(2, badCode.ExitCode);
        Assert.Contains("--uscc", badCode.Error, StringComparison.Ordinal);
        foreach (var run in new[] { notAnAddress, unknownOption, badCode })
        {
            Assert.InRange(Lines(run.Error), 1, 2);
            NoStackTrace(run.Error + run.Out);
        }
    }

    [Fact]
    public async Task AnUnreachableSite_IsAFinding_ExitCode1_NotAUsageError()
    {
        var (code, output, error) = await RunAsync("verify", "http://127.0.0.1:9/", "--timeout", "5");

        Assert.Equal(1, code);
        Assert.Contains("unreachable", output, StringComparison.Ordinal);
        NoStackTrace(error + output);
    }

    [Fact]
    public async Task InternalError_IsExitCode3_InOneLine_WithTheTraceOnlyUnderVerbose()
    {
        var csv = Csv("url", "http://127.0.0.1:9/");
        // The report's .jsonl path is taken by a folder: writing the report fails, which no input check foresees.
        Directory.CreateDirectory(Path.Combine(_directory.FullName, "report.jsonl"));

        var quiet = await RunAsync("verify", "--from", csv, "--out", "report");
        var verbose = await RunAsync("verify", "--from", csv, "--out", "report", "--verbose");

        Assert.Equal(3, quiet.ExitCode);
        Assert.Contains("internal error", quiet.Error, StringComparison.Ordinal);
        Assert.Contains("--verbose", quiet.Error, StringComparison.Ordinal);
        Assert.InRange(Lines(quiet.Error), 1, 2);
        NoStackTrace(quiet.Error + quiet.Out);
        Assert.Equal(3, verbose.ExitCode);
        Assert.Contains("   at ", verbose.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_DocumentsTheExitCodes()
    {
        var (code, output, _) = await RunAsync("verify", "--help");

        Assert.Equal(0, code);
        Assert.Contains("0 all pass", output, StringComparison.Ordinal);
        Assert.Contains("1 findings", output, StringComparison.Ordinal);
        Assert.Contains("2 usage or input error", output, StringComparison.Ordinal);
        Assert.Contains("3 internal error", output, StringComparison.Ordinal);
    }
}
