using System.Collections.Concurrent;
using System.CommandLine;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Badge.Sdk.Verification;
using Badge.Tool.Commands.Verify;
using Microsoft.Extensions.DependencyInjection;

namespace Badge.Tool.Commands;

/// <summary>
/// <c>badge verify --from sites.csv</c>: streams the CSV, checks with bounded concurrency and one request at a time
/// per host, appends each result to the report (.csv, .jsonl, .html) as it arrives, and skips sites the report
/// already has, so an interrupted run resumes. The input is checked whole before anything is fetched or written.
/// </summary>
internal static class BulkVerifyCommand
{
    public static async Task<int> RunAsync(ParseResult parse, FileInfo csv, string output, int concurrency, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (await BulkInput.CheckAsync(csv, output, cancellationToken) is { } mistake)
        {
            await Console.Error.WriteLineAsync(mistake);
            return ExitCodes.UsageOrInputError;
        }

        await using var services = AuthorityServices.CreateWithVerifier(parse, timeout);
        return await RunAsync(services.GetRequiredService<SiteBadgeVerifier>(), csv, output, concurrency, cancellationToken);
    }

    private static async Task<int> RunAsync(SiteBadgeVerifier verifier, FileInfo csv, string output, int concurrency, CancellationToken cancellationToken)
    {
        var csvPath = output + ".csv";
        var done = File.Exists(csvPath)
            ? (await File.ReadAllLinesAsync(csvPath, cancellationToken)).Skip(1).Select(l => ReportCsv.Fields(l).FirstOrDefault() ?? string.Empty).ToHashSet(StringComparer.Ordinal)
            : [];
        var fresh = !File.Exists(csvPath);
        await using var csvWriter = new StreamWriter(csvPath, append: true, new UTF8Encoding(false));
        await using var jsonWriter = new StreamWriter(output + ".jsonl", append: true, new UTF8Encoding(false));
        if (fresh)
        {
            await csvWriter.WriteLineAsync(ReportCsv.Header);
        }

        await using var html = await HtmlReport.CreateAsync(output + ".html", ReadReport(csvPath, fresh, cancellationToken));

        var hosts = new ConcurrentDictionary<string, SemaphoreSlim>(StringComparer.OrdinalIgnoreCase);
        var gate = new SemaphoreSlim(1, 1);
        int passed = 0, findings = 0, unchecked_ = 0, skipped = 0;
        var progress = new ConsoleProgress();

        await Parallel.ForEachAsync(ReadSites(csv, cancellationToken), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (site, ct) =>
        {
            if (done.Contains(ReportCsv.Neutralize(site.Url)))
            {
                Interlocked.Increment(ref skipped);
                return;
            }

            SiteVerificationResult result;
            if (!Uri.TryCreate(site.Url, UriKind.Absolute, out var uri) || !SiteInput.TryParseExpected(site.Organizer, site.Uscc, out var organizer, out var uscc, out _))
            {
                result = new SiteVerificationResult
                {
                    Site = uri ?? new Uri("about:blank"),
                    Outcome = SiteVerificationOutcome.CouldNotCheck,
                    Findings = [new SiteFinding("invalid_input", $"{site.Url}: {(uri is null ? "not an absolute URL" : "invalid expected values")}", "输入有误")],
                };
            }
            else
            {
                var host = hosts.GetOrAdd(uri.IdnHost, _ => new SemaphoreSlim(1, 1));
                await host.WaitAsync(ct);
                try
                {
                    result = await verifier.VerifyAsync(uri, organizer, uscc, ct);
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    // The verifier turns what a site does into findings; this is the last line: one site never ends the run.
                    result = new SiteVerificationResult
                    {
                        Site = uri,
                        Outcome = SiteVerificationOutcome.CouldNotCheck,
                        Findings = [new SiteFinding(SiteFindingCodes.Unreadable, $"the site could not be checked: {ex.Message.ReplaceLineEndings(" ")}", "无法检查该网站")],
                    };
                }
                finally
                {
                    host.Release();
                }
            }

            var count = result.Outcome switch
            {
                SiteVerificationOutcome.Pass => Interlocked.Increment(ref passed),
                SiteVerificationOutcome.Findings => Interlocked.Increment(ref findings),
                _ => Interlocked.Increment(ref unchecked_),
            };
            await gate.WaitAsync(ct);
            try
            {
                var codes = string.Join(' ', result.Findings.Select(f => f.Code));
                await csvWriter.WriteLineAsync(string.Join(',', ReportCsv.Cell(site.Url), ReportCsv.Cell(result.Outcome.ToString()), ReportCsv.Cell(result.BadgeId ?? string.Empty), ReportCsv.Cell(codes)));
                await html.AddAsync(site.Url, result.Outcome.ToString(), result.BadgeId ?? string.Empty, codes);
                await jsonWriter.WriteLineAsync(JsonSerializer.Serialize(SiteVerificationText.Summary(result), ToolJson.Options));
                await csvWriter.FlushAsync(ct);
                await jsonWriter.FlushAsync(ct);
                var total = passed + findings + unchecked_;
                progress.Report(
                    $"[{total}] pass {passed} · findings {findings} · could not check {unchecked_}",
                    $"[{total}] {result.Outcome,-13} {site.Url}");
            }
            finally
            {
                gate.Release();
            }
        });

        progress.End();
        Console.WriteLine($"{passed} passed, {findings} with findings, {unchecked_} could not be checked, {skipped} already in the report");
        if (skipped > 0)
        {
            Console.WriteLine($"whole report: {html.Passed} passed, {html.WithFindings} with findings, {html.Unchecked} could not be checked");
        }

        Console.WriteLine($"report: {output}.csv, {output}.jsonl, {output}.html; working set {Environment.WorkingSet / 1048576} MiB now (GC heap {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576} MiB, committed {GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576} MiB), {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MiB at most");
        // The whole report decides, so a resumed run whose new rows all pass still says the earlier findings are there.
        return html.WithFindings + html.Unchecked > 0 ? ExitCodes.HasFindings : ExitCodes.Pass;
    }

    // The rows a previous run left in the report, streamed (for the HTML page of a resumed run).
    private static async IAsyncEnumerable<(string Url, string Outcome, string Badge, string Findings)> ReadReport(
        string csvPath, bool fresh, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (fresh)
        {
            yield break;
        }

        var first = true;
        using var reader = new StreamReader(new FileStream(csvPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (first)
            {
                first = false;
                continue;
            }

            var f = ReportCsv.Fields(line);
            if (f.Count >= 4)
            {
                yield return (f[0], f[1], f[2], f[3]);
            }
        }
    }

    private static async IAsyncEnumerable<(string Url, string? Organizer, string? Uscc)> ReadSites(FileInfo csv, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var line in File.ReadLinesAsync(csv.FullName, cancellationToken))
        {
            var fields = ReportCsv.Fields(line);
            if (fields.Count == 0 || string.IsNullOrWhiteSpace(fields[0]) || fields[0].Equals("url", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            yield return (fields[0].Trim(), fields.Count > 1 && fields[1].Length > 0 ? fields[1] : null, fields.Count > 2 && fields[2].Length > 0 ? fields[2] : null);
        }
    }
}
