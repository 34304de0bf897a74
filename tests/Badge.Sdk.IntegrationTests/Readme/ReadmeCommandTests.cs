using System.Diagnostics;
using System.Text.RegularExpressions;
using Badge.Sdk.IntegrationTests.Mistakes;

namespace Badge.Sdk.IntegrationTests.Readme;

/// <summary>
/// The README is true: every command in its <c>sh</c> blocks runs as written (eng/readme-commands.sh: the servers are
/// started and probed, the tool is packed and installed into a temporary tool path, then <c>badge --help</c> and the
/// rest run). It builds, packs and restores, so it runs where <c>BADGE_README_CHECK=1</c> (.ci/run sets it, after
/// packing the libraries into artifacts/packages) and is reported as skipped elsewhere.
/// </summary>
public sealed partial class ReadmeCommandTests
{
    private static string Readme => File.ReadAllText(Path.Combine(Executable.RepositoryRoot, "README.md"));

    [Fact]
    public async Task EveryShellCommandInTheReadme_RunsAsWritten()
    {
        if (Environment.GetEnvironmentVariable("BADGE_README_CHECK") != "1")
        {
            Assert.Skip("Runs every README command (builds, packs, starts the samples: minutes); BADGE_README_CHECK=1 turns it on (.ci/run sets it).");
        }

        var start = new ProcessStartInfo("bash", [Path.Combine(Executable.RepositoryRoot, "eng", "readme-commands.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Configuration"] = Executable.Configuration;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}\n{await output}\n{await error}");
        // A command continued with `\` at the end of a line is one command, as the shell (and the script) reads it.
        var commands = ShellCommands().Matches(Readme).SelectMany(m => LineContinuation().Replace(m.Groups[1].Value, " ").Split('\n'))
            .Count(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'));
        Assert.Contains($"README: {commands} commands in ", await output, StringComparison.Ordinal);
        Assert.Contains("badge [command] [options]", await output, StringComparison.Ordinal);
    }

    [Fact]
    public void ToolInstall_IsDocumentedFromTheLocalPackages_AndFromSource()
    {
        var readme = Readme;

        Assert.Contains("dotnet tool install --global --add-source artifacts/packages Badge.Tool --prerelease", readme, StringComparison.Ordinal);
        Assert.Contains("dotnet run --project src/Badge.Tool -- ", readme, StringComparison.Ordinal);
        Assert.DoesNotContain("dotnet tool install --global Badge.Tool", readme, StringComparison.Ordinal);
    }

    [GeneratedRegex("```sh\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellCommands();

    [GeneratedRegex("\\\\[ \\t]*\\n[ \\t]*")]
    private static partial Regex LineContinuation();
}
