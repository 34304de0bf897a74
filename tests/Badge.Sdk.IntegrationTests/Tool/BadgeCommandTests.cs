using Badge.Sdk.IntegrationTests.Mistakes;

namespace Badge.Sdk.IntegrationTests.Tool;

/// <summary>
/// The <c>badge</c> command as a whole, run as the built executable: its help, the global options, and the exit
/// codes of a mistake (2: one or two lines, no stack trace) and of an internal error (3, the trace only under
/// <c>--verbose</c>).
/// </summary>
public sealed class BadgeCommandTests : IDisposable
{
    private static readonly string Badge = Executable.Dll("src/Badge.Tool", "badge");
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("badge-tool-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task Help_NamesTheCommandBadge()
    {
        var run = await Executable.RunAsync(Badge, ["--help"]);

        Assert.Equal(0, run.Code);
        Assert.Contains("badge [command] [options]", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Badge.Tool", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsEveryCommandAndTheGlobalOptions()
    {
        var run = await Executable.RunAsync(Badge, ["--help"]);

        Assert.Equal(0, run.Code);
        var commands = run.Output[run.Output.IndexOf("Commands:", StringComparison.Ordinal)..];
        foreach (var command in new[] { "verify <url>", "uscc <code>", "lookup <id>", "render <id>", "issue ", "import-legacy " })
        {
            Assert.Contains("\n  " + command, commands, StringComparison.Ordinal);
        }

        foreach (var option in new[] { "--verbose", "--authority <authority>", "--api-key <api-key>", "--connect-to <connect-to>" })
        {
            Assert.Contains(option, run.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GlobalOptions_AreTakenAfterTheCommand()
    {
        // Recursive: `--authority` after the command name reaches the command (a wrong one is refused, naming it).
        var run = await Executable.RunAsync(Badge, ["lookup", "bdg-x", "--authority", "ftp://authority.test/"]);

        Executable.AssertMistake(run, 2, "--authority 'ftp://authority.test/' is not an http(s) URL.");
    }

    [Fact]
    public async Task AuthorityWithoutScheme_SaysHowToWriteIt()
    {
        var run = await Executable.RunAsync(Badge, ["lookup", "bdg-x", "--authority", "127.0.0.1:5280"]);

        Executable.AssertMistake(run, 2, "--authority '127.0.0.1:5280' has no scheme", "--authority http://127.0.0.1:5280/");
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
    public async Task InternalError_IsExitCode3_InOneLine_WithTheTraceOnlyUnderVerbose()
    {
        var csv = Path.Combine(_directory.FullName, "sites.csv");
        await File.WriteAllLinesAsync(csv, ["url", "http://127.0.0.1:9/"], TestContext.Current.CancellationToken);
        // The report's .jsonl path is taken by a folder: writing the report fails, which no input check foresees.
        Directory.CreateDirectory(Path.Combine(_directory.FullName, "report.jsonl"));
        string[] args = ["verify", "--from", csv, "--out", "report", "--authority", "http://127.0.0.1:9/"];

        var quiet = await Executable.RunAsync(Badge, args, workingDirectory: _directory.FullName);
        var verbose = await Executable.RunAsync(Badge, [.. args, "--verbose"], workingDirectory: _directory.FullName);

        Assert.Equal(3, quiet.Code);
        Assert.Contains("internal error", quiet.Error, StringComparison.Ordinal);
        Assert.Contains("--verbose", quiet.Error, StringComparison.Ordinal);
        Assert.InRange(quiet.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, 1, 2);
        Assert.DoesNotContain("   at ", quiet.Error + quiet.Output, StringComparison.Ordinal);
        Assert.Equal(3, verbose.Code);
        Assert.Contains("   at ", verbose.Error, StringComparison.Ordinal);
    }
}
