using System.CommandLine;
using System.Globalization;
using Badge.Sdk.Issuance;
using Badge.Tool.Commands.Verify;
using Microsoft.Extensions.DependencyInjection;

namespace Badge.Tool.Commands;

/// <summary>
/// <c>badge import-legacy --from legacy.csv</c>: imports the predecessor system's badges (about 550,000) into the
/// authority, one row at a time, streamed. A checkpoint file beside the CSV holds the number of rows done, so an
/// interrupted run resumes where it stopped; a row the authority already holds counts as done (the import is
/// idempotent), and a row the authority refuses is written with its reason to <c>…errors.csv</c> without stopping.
/// </summary>
internal static class LegacyImportCommand
{
    private const int CheckpointEvery = 100;

    public static Command Create()
    {
        var from = new Option<FileInfo>("--from") { Required = true, Description = "CSV: legacyId,domain,organizer,uscc[,onlineName] (a header line is skipped)." };
        var command = new Command("import-legacy", "Import legacy (CONAC) badges from a CSV (needs the authority's API key); resumable.") { from };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(from)!;
            if (!file.Exists)
            {
                await Console.Error.WriteLineAsync($"--from: {file.FullName} does not exist");
                return ExitCodes.UsageOrInputError;
            }

            await using var provider = AuthorityServices.Create(parse);
            var authority = provider.GetRequiredService<IBadgeAuthorityClient>();
            return await RunAsync(authority, file.FullName, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(IBadgeAuthorityClient authority, string csvPath, CancellationToken cancellationToken)
    {
        var checkpointPath = csvPath + ".checkpoint";
        var done = File.Exists(checkpointPath) && long.TryParse(await File.ReadAllTextAsync(checkpointPath, cancellationToken), NumberStyles.None, CultureInfo.InvariantCulture, out var saved) ? saved : 0;
        var resumedFrom = done;
        long imported = 0, already = 0, rejected = 0, row = 0;
        await using var errors = new StreamWriter(new FileStream(csvPath + ".errors.csv", FileMode.Append, FileAccess.Write, FileShare.Read));
        using var reader = new StreamReader(new FileStream(csvPath, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan));
        var progress = new ConsoleProgress();
        try
        {
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                row++;
                if (row <= done || line.Length == 0 || (row == 1 && line.StartsWith("legacyId", StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                // RFC 4180 fields, as the verify input is read: a quoted organizer may hold a comma or a quote.
                var fields = ReportCsv.Fields(line);
                var request = new ImportLegacyBadgeRequest
                {
                    LegacyId = Field(fields, 0),
                    Domain = Field(fields, 1),
                    OrganizerName = Field(fields, 2),
                    Uscc = Field(fields, 3),
                    OnlineName = Field(fields, 4) ?? Field(fields, 2),
                };
                try
                {
                    await authority.ImportLegacyBadgeAsync(request, cancellationToken);
                    imported++;
                }
                catch (BadgeAuthorityException ex) when (ex.Code == "duplicate_badge")
                {
                    already++;
                }
                catch (BadgeAuthorityException ex) when (ex.Status is >= 400 and < 500 and not 401 and not 403 and not 429)
                {
                    rejected++;
                    await errors.WriteLineAsync($"{row},{ReportCsv.Cell(ex.Field ?? string.Empty)},{ReportCsv.Cell(ex.Message)}");
                }

                done = row;
                if (row % CheckpointEvery == 0)
                {
                    await File.WriteAllTextAsync(checkpointPath, done.ToString(CultureInfo.InvariantCulture), CancellationToken.None);
                    await errors.FlushAsync(CancellationToken.None);
                    Progress(progress, row, imported, already, rejected);
                }
            }
        }
        catch (Exception ex) when (ex is BadgeAuthorityException or HttpRequestException or OperationCanceledException)
        {
            await File.WriteAllTextAsync(checkpointPath, done.ToString(CultureInfo.InvariantCulture), CancellationToken.None);
            await Console.Error.WriteLineAsync($"stopped after row {done}: {ex.Message}. Run the same command again to resume.");
            return ExitCodes.HasFindings;
        }

        await File.WriteAllTextAsync(checkpointPath, done.ToString(CultureInfo.InvariantCulture), CancellationToken.None);
        Progress(progress, row, imported, already, rejected);
        progress.End();

        Console.WriteLine($"done: {imported} imported, {already} already held, {rejected} refused (see {csvPath}.errors.csv){(resumedFrom > 0 ? $", resumed after row {resumedFrom}" : string.Empty)}");
        return rejected > 0 ? ExitCodes.HasFindings : ExitCodes.Pass;
    }

    private static void Progress(ConsoleProgress progress, long row, long imported, long already, long rejected)
    {
        var text = $"[row {row}] imported {imported} · already held {already} · refused {rejected}";
        progress.Report(text, text);
    }

    private static string? Field(List<string> fields, int index) => index < fields.Count && fields[index].Trim() is { Length: > 0 } value ? value : null;
}
