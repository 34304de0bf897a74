using System.CommandLine;
using System.Text.Json;
using Badge.Sdk.Verification;
using Badge.Tool.Commands.Verify;
using Microsoft.Extensions.DependencyInjection;

namespace Badge.Tool.Commands;

/// <summary>
/// <c>badge verify &lt;url&gt;</c>: checks that one site shows its badge correctly; with <c>--from sites.csv</c>, many
/// (<see cref="BulkVerifyCommand"/>).
/// </summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var url = new Argument<string?>("url") { Description = "The site to check.", Arity = ArgumentArity.ZeroOrOne };
        var organizer = new Option<string?>("--organizer") { Description = "The organizer name the badge must show." };
        var uscc = new Option<string?>("--uscc") { Description = "The unified social credit code the badge must carry." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var from = new Option<FileInfo?>("--from") { Description = "A CSV of sites: url,organizer,uscc (the last two optional)." };
        var concurrency = new Option<int>("--concurrency") { Description = "Sites checked at once in bulk.", DefaultValueFactory = _ => 16 };
        var output = new Option<string?>("--out") { Description = "Report path without extension: writes .csv and .jsonl as results arrive; an existing .csv is resumed." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds allowed per site.", DefaultValueFactory = _ => 10 };
        var command = new Command(
            "verify",
            "Check that sites show their badge correctly. Exit code 0 all pass, 1 findings (a site that could not be checked counts as one), 2 usage or input error, 3 internal error; a resumed bulk run's code covers the whole report.")
        {
            url, organizer, uscc, json, from, concurrency, output, timeout,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(timeout) <= 0 || parse.GetValue(concurrency) <= 0)
            {
                await Console.Error.WriteLineAsync("badge verify: --timeout and --concurrency must be positive whole numbers.");
                return ExitCodes.UsageOrInputError;
            }

            if (parse.GetValue(from) is { } csv)
            {
                return await BulkVerifyCommand.RunAsync(
                    parse, csv, parse.GetValue(output) ?? "badge-report", parse.GetValue(concurrency), TimeSpan.FromSeconds(parse.GetValue(timeout)), cancellationToken);
            }

            if (!SiteInput.TryParseAddress(parse.GetValue(url), out var site))
            {
                await Console.Error.WriteLineAsync(parse.GetValue(url) is { } given
                    ? $"badge verify: '{given}' is not a site's address; give an absolute http(s) URL, such as https://www.example.gov.cn/."
                    : "badge verify: give a site's address (https://www.example.gov.cn/), or --from sites.csv for many.");
                return ExitCodes.UsageOrInputError;
            }

            if (!SiteInput.TryParseExpected(parse.GetValue(organizer), parse.GetValue(uscc), out var expectedOrganizer, out var expectedUscc, out var problem))
            {
                await Console.Error.WriteLineAsync("badge verify: " + problem);
                return ExitCodes.UsageOrInputError;
            }

            await using var services = AuthorityServices.CreateWithVerifier(parse, TimeSpan.FromSeconds(parse.GetValue(timeout)));
            var verifier = services.GetRequiredService<SiteBadgeVerifier>();

            var result = await verifier.VerifyAsync(site, expectedOrganizer, expectedUscc, cancellationToken);
            Console.WriteLine(parse.GetValue(json) ? JsonSerializer.Serialize(SiteVerificationText.Summary(result), ToolJson.Options) : SiteVerificationText.Describe(result));
            return result.Outcome == SiteVerificationOutcome.Pass ? ExitCodes.Pass : ExitCodes.HasFindings;
        });
        return command;
    }
}
