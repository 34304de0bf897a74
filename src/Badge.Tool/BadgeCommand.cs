using System.CommandLine;
using System.CommandLine.Invocation;
using Badge.Tool.Commands;

namespace Badge.Tool;

// The `badge` command: the global options and one subcommand a file under Commands/ (verify, one site or a CSV of
// them; uscc; lookup; render; issue; import-legacy).
internal static class BadgeCommand
{
    /// <summary>
    /// Parses and runs a command line as the tool does: a mistake in the command line is one line and exit code 2;
    /// an unexpected error is one line and exit code 3, its stack trace only with <c>--verbose</c>.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var parse = Create().Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction)
        {
            // The first error is the one the user made; the rest usually follow from it (an option's value read
            // as a stray argument).
            var command = parse.CommandResult.Command is RootCommand ? "badge" : "badge " + parse.CommandResult.Command.Name;
            await Console.Error.WriteLineAsync($"{command}: {parse.Errors[0].Message}");
            await Console.Error.WriteLineAsync($"Run '{command} --help' for usage.");
            return ExitCodes.UsageOrInputError;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (ToolInputException ex)
        {
            await Console.Error.WriteLineAsync($"badge: {ex.Message}");
            return ExitCodes.UsageOrInputError;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: what was finished is in the report; running the same command again resumes.
            await Console.Error.WriteLineAsync("badge: stopped.");
            return ExitCodes.Stopped;
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            await Console.Error.WriteLineAsync(parse.GetValue(GlobalOptions.Verbose)
                ? "badge: internal error: " + ex
                : $"badge: internal error: {ex.Message.ReplaceLineEndings(" ")} (run again with --verbose for the details)");
            return ExitCodes.InternalError;
        }
    }

    public static RootCommand Create()
    {
        var root = new RootCommand("Online identity badges (网上标识): verify sites, look up, render and issue badges.");
        GlobalOptions.AddTo(root);
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(UsccCommand.Create());
        root.Subcommands.Add(LookupCommand.Create());
        root.Subcommands.Add(RenderCommand.Create());
        root.Subcommands.Add(IssueCommand.Create());
        root.Subcommands.Add(LegacyImportCommand.Create());
        return root;
    }
}
