using System.Collections.Concurrent;
using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Badge.Sdk;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Badge.Sdk.Rendering;
using Badge.Sdk.Verification;
using Microsoft.Extensions.DependencyInjection;
using Badge.Sdk.Certificates;

namespace Badge.Tool;

// The `badge` command: verify (one site or a CSV of them), uscc, lookup, render, issue.
internal static partial class BadgeCommand
{
    public const int Pass = 0;
    public const int HasFindings = 1;
    public const int CouldNotCheck = 2;

    // The tool's exit codes: 0 success (all pass), 1 findings, 2 usage or input error (a bad or missing argument, a
    // missing file, an unknown badge, an authority that cannot be reached or refuses), 3 internal error.
    public const int UsageOrInputError = 2;
    public const int InternalError = 3;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    private static readonly Option<string> AuthorityOption = new("--authority")
    {
        Description = "The trusted authority (default: BADGE_AUTHORITY, else the local emulator at http://127.0.0.1:5280/).",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("BADGE_AUTHORITY") is { Length: > 0 } fromEnvironment ? fromEnvironment : "http://127.0.0.1:5280/",
    };

    private static readonly Option<string?> ApiKeyOption = new("--api-key") { Description = "API key for issuing (or BADGE_API_KEY).", Recursive = true };

    private static readonly Option<string?> ConnectToOption = new("--connect-to")
    {
        Description = "Connect every site host name to this address:port instead of resolving it (staging, tests).",
        Recursive = true,
    };

    private static readonly Option<bool> VerboseOption = new("--verbose")
    {
        Description = "Print the details (stack trace) of an internal error.",
        Recursive = true,
    };

    /// <summary>
    /// Parses and runs a command line as the tool does: a mistake in the command line is one line and exit code 2;
    /// an unexpected error is one line and exit code 3, its stack trace only with <c>--verbose</c>.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var parse = Create().Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is System.CommandLine.Invocation.ParseErrorAction)
        {
            // The first error is the one the user made; the rest usually follow from it (an option's value read
            // as a stray argument).
            var command = parse.CommandResult.Command is RootCommand ? "badge" : "badge " + parse.CommandResult.Command.Name;
            await Console.Error.WriteLineAsync($"{command}: {parse.Errors[0].Message}");
            await Console.Error.WriteLineAsync($"Run '{command} --help' for usage.");
            return UsageOrInputError;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (ToolInputException ex)
        {
            await Console.Error.WriteLineAsync($"badge: {ex.Message}");
            return UsageOrInputError;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: what was finished is in the report; running the same command again resumes.
            await Console.Error.WriteLineAsync("badge: stopped.");
            return 130;
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            await Console.Error.WriteLineAsync(parse.GetValue(VerboseOption)
                ? "badge: internal error: " + ex
                : $"badge: internal error: {ex.Message.ReplaceLineEndings(" ")} (run again with --verbose for the details)");
            return InternalError;
        }
    }

    public static RootCommand Create()
    {
        var root = new RootCommand("Online identity badges (网上标识): verify sites, look up, render and issue badges.");
        root.Options.Add(VerboseOption);
        root.Options.Add(AuthorityOption);
        root.Options.Add(ApiKeyOption);
        root.Options.Add(ConnectToOption);
        root.Subcommands.Add(Verify());
        root.Subcommands.Add(Uscc());
        root.Subcommands.Add(Lookup());
        root.Subcommands.Add(Render());
        root.Subcommands.Add(Issue());
        root.Subcommands.Add(LegacyImportCommand.Create(Services));
        return root;
    }

    private static Command Verify()
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
                return UsageOrInputError;
            }

            if (parse.GetValue(from) is { } csv)
            {
                if (await BulkInput.CheckAsync(csv, parse.GetValue(output) ?? "badge-report", cancellationToken) is { } mistake)
                {
                    await Console.Error.WriteLineAsync(mistake);
                    return UsageOrInputError;
                }

                await using var bulkServices = VerifierServices(parse, TimeSpan.FromSeconds(parse.GetValue(timeout)));
                var bulkVerifier = bulkServices.GetRequiredService<SiteBadgeVerifier>();
                return await BulkAsync(bulkVerifier, csv, parse.GetValue(output) ?? "badge-report", parse.GetValue(concurrency), cancellationToken);
            }

            if (!Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var site) || (site.Scheme != Uri.UriSchemeHttp && site.Scheme != Uri.UriSchemeHttps))
            {
                await Console.Error.WriteLineAsync(parse.GetValue(url) is { } given
                    ? $"badge verify: '{given}' is not a site's address; give an absolute http(s) URL, such as https://www.example.gov.cn/."
                    : "badge verify: give a site's address (https://www.example.gov.cn/), or --from sites.csv for many.");
                return UsageOrInputError;
            }

            if (!TryExpected(parse.GetValue(organizer), parse.GetValue(uscc), out var expectedOrganizer, out var expectedUscc, out var problem))
            {
                await Console.Error.WriteLineAsync("badge verify: " + problem);
                return UsageOrInputError;
            }

            await using var services = VerifierServices(parse, TimeSpan.FromSeconds(parse.GetValue(timeout)));
            var verifier = services.GetRequiredService<SiteBadgeVerifier>();

            var result = await verifier.VerifyAsync(site, expectedOrganizer, expectedUscc, cancellationToken);
            Console.WriteLine(parse.GetValue(json) ? JsonSerializer.Serialize(Summary(result), Json) : Describe(result));
            return ExitCode(result.Outcome);
        });
        return command;
    }

    private static Command Uscc()
    {
        var code = new Argument<string>("code") { Description = "A unified social credit code, as typed." };
        var command = new Command("uscc", "Explain a unified social credit code part by part, or say exactly what is wrong.") { code };
        command.SetAction(parse =>
        {
            var result = UnifiedSocialCreditCode.Validate(parse.GetValue(code));
            if (!result.IsValid)
            {
                foreach (var problem in result.Problems)
                {
                    Console.WriteLine($"✗ {problem.Message}（{problem.ChineseMessage}）");
                }

                return 1;
            }

            var c = result.Code.Value;
            Console.WriteLine($"✓ {c}{(result.WasNormalized ? "（已规范化）" : string.Empty)}");
            Console.WriteLine($"  1     registration authority 登记管理部门   {c.RegistrationAuthority}");
            Console.WriteLine($"  2     category 机构类别                    {c.Category}  → {c.Kind} {c.Kind.ToChineseName()}");
            Console.WriteLine($"  3-8   administrative division 行政区划码   {c.AdministrativeDivision}");
            Console.WriteLine($"  9-17  organisation code 主体标识码          {c.OrganizationCode}");
            Console.WriteLine($"  18    check character 校验码               {c.CheckCharacter}");
            Console.WriteLine(c.Kind.IsInBadgeScope() ? "  Badges are issued to this kind of institution." : "  Badges are not issued to this kind (only 机关 11 and 事业单位 12).");
            return 0;
        });
        return command;
    }

    private static Command Lookup()
    {
        var id = new Argument<string>("id") { Description = "A badge id, or a legacy id." };
        var command = new Command("lookup", "Read a badge and its certificate from the authority (the signed document, verified).") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = Services(parse);
            var client = services.GetRequiredService<IBadgeAuthorityClient>();
            try
            {
                var badge = await client.GetBadgeAsync(parse.GetValue(id)!, cancellationToken);
                var signed = await client.GetSignedCertificateAsync(badge.Id, cancellationToken);
                Console.WriteLine(JsonSerializer.Serialize(new { badge, certificate = signed.Certificate }, Json));
                return 0;
            }
            catch (BadgeAuthorityException ex)
            {
                await Console.Error.WriteLineAsync(AuthorityProblem(ex, parse, parse.GetValue(id)));
                return UsageOrInputError;
            }
        });
        return command;
    }

    private static Command Render()
    {
        var id = new Argument<string>("id") { Description = "A badge id." };
        var footerOnly = new Option<bool>("--footer") { Description = "Print only the footer fragment (no label), for a pipe." };
        var embedOnly = new Option<bool>("--embed") { Description = "Print only the embed code (no label), for a pipe." };
        var command = new Command("render", "Print a badge's footer fragment and its embed code, each under a label.") { id, footerOnly, embedOnly };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = Services(parse);
            var client = services.GetRequiredService<IBadgeAuthorityClient>();
            try
            {
                var certificate = await client.GetCertificateAsync(parse.GetValue(id)!, cancellationToken);
                var authority = Authority(parse);
                var footer = Encoding.ASCII.GetString(BadgeFooterRenderer.RenderFooter(certificate));
                var embed = BadgeFooterRenderer.RenderEmbedCode(
                    certificate.BadgeId, new Uri(authority, $"badges/{certificate.BadgeId}.js"), certificate.CertificateUrl!,
                    certificate.ImageUrl ?? new Uri(authority, $"badges/{certificate.BadgeId}.svg"), certificate.OrganizerName.Value);
                bool onlyFooter = parse.GetValue(footerOnly), onlyEmbed = parse.GetValue(embedOnly);
                if (onlyFooter || onlyEmbed)
                {
                    if (onlyFooter)
                    {
                        Console.WriteLine(footer);
                    }

                    if (onlyEmbed)
                    {
                        Console.WriteLine(embed);
                    }

                    return 0;
                }

                Console.WriteLine("Footer fragment (what Badge.Sdk.AspNetCore writes before </body>; needs /_badge/badge.css):");
                Console.WriteLine(footer);
                Console.WriteLine();
                Console.WriteLine("Embed code (to paste into a page the server cannot change):");
                Console.WriteLine(embed);
                return 0;
            }
            catch (BadgeAuthorityException ex)
            {
                await Console.Error.WriteLineAsync(AuthorityProblem(ex, parse, parse.GetValue(id)));
                return UsageOrInputError;
            }
        });
        return command;
    }

    private static Command Issue()
    {
        var uscc = new Option<string>("--uscc") { Required = true, Description = "The institution's unified social credit code." };
        var organizer = new Option<string>("--organizer") { Required = true, Description = "The organizer name (主办单位名称)." };
        var name = new Option<string>("--name") { Required = true, Description = "The site's online name (网上名称)." };
        var domain = new Option<string>("--domain") { Required = true, Description = "The site's domain." };
        var command = new Command("issue", "Issue a website badge (needs an institution's API key).") { uscc, organizer, name, domain };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (string.IsNullOrWhiteSpace(ApiKey(parse)))
            {
                await Console.Error.WriteLineAsync("badge issue needs the institution's API key: pass --api-key <key> or set BADGE_API_KEY.");
                return UsageOrInputError;
            }

            await using var services = Services(parse);
            try
            {
                var issued = await services.GetRequiredService<IBadgeAuthorityClient>().IssueBadgeAsync(new IssueBadgeRequest
                {
                    Kind = BadgeKind.Website,
                    Uscc = parse.GetValue(uscc),
                    OrganizerName = parse.GetValue(organizer),
                    OnlineName = parse.GetValue(name),
                    Domain = parse.GetValue(domain),
                }, cancellationToken);
                Console.WriteLine($"issued {issued.Id}");
                Console.WriteLine($"certificate {issued.CertificateUrl}");
                Console.WriteLine($"embed code  {issued.EmbedCode}");
                return 0;
            }
            catch (BadgeAuthorityException ex)
            {
                await Console.Error.WriteLineAsync(AuthorityProblem(ex, parse, null));
                return UsageOrInputError;
            }
        });
        return command;
    }

    // Bulk: streams the CSV, checks with bounded concurrency and one request at a time per host, appends each result
    // to the report as it arrives, and skips sites the report already has (so an interrupted run resumes).
    internal static async Task<int> BulkAsync(SiteBadgeVerifier verifier, FileInfo csv, string output, int concurrency, CancellationToken cancellationToken)
    {
        var csvPath = output + ".csv";
        var done = File.Exists(csvPath)
            ? (await File.ReadAllLinesAsync(csvPath, cancellationToken)).Skip(1).Select(l => CsvFields(l).FirstOrDefault() ?? string.Empty).ToHashSet(StringComparer.Ordinal)
            : [];
        var fresh = !File.Exists(csvPath);
        await using var csvWriter = new StreamWriter(csvPath, append: true, new UTF8Encoding(false));
        await using var jsonWriter = new StreamWriter(output + ".jsonl", append: true, new UTF8Encoding(false));
        if (fresh)
        {
            await csvWriter.WriteLineAsync("url,outcome,badge,findings");
        }

        await using var html = await HtmlReport.CreateAsync(output + ".html", ReadReport(csvPath, fresh, cancellationToken));

        var hosts = new ConcurrentDictionary<string, SemaphoreSlim>(StringComparer.OrdinalIgnoreCase);
        var gate = new SemaphoreSlim(1, 1);
        int passed = 0, findings = 0, unchecked_ = 0, skipped = 0;
        var interactive = !Console.IsOutputRedirected;

        await Parallel.ForEachAsync(ReadSites(csv, cancellationToken), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (site, ct) =>
        {
            if (done.Contains(Neutralize(site.Url)))
            {
                Interlocked.Increment(ref skipped);
                return;
            }

            SiteVerificationResult result;
            if (!Uri.TryCreate(site.Url, UriKind.Absolute, out var uri) || !TryExpected(site.Organizer, site.Uscc, out var organizer, out var uscc, out var problem))
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
                await csvWriter.WriteLineAsync(string.Join(',', Csv(site.Url), Csv(result.Outcome.ToString()), Csv(result.BadgeId ?? string.Empty), Csv(codes)));
                await html.AddAsync(site.Url, result.Outcome.ToString(), result.BadgeId ?? string.Empty, codes);
                await jsonWriter.WriteLineAsync(JsonSerializer.Serialize(Summary(result), Json));
                await csvWriter.FlushAsync(ct);
                await jsonWriter.FlushAsync(ct);
                var total = passed + findings + unchecked_;
                if (interactive)
                {
                    // A live line on a terminal; one line a site when the output goes to a file or a pipe.
                    Console.Write($"\r[{total}] pass {passed} · findings {findings} · could not check {unchecked_}   ");
                }
                else
                {
                    Console.WriteLine($"[{total}] {result.Outcome,-13} {site.Url}");
                }
            }
            finally
            {
                gate.Release();
            }
        });

        if (interactive)
        {
            Console.WriteLine();
        }

        Console.WriteLine($"{passed} passed, {findings} with findings, {unchecked_} could not be checked, {skipped} already in the report");
        if (skipped > 0)
        {
            Console.WriteLine($"whole report: {html.Passed} passed, {html.WithFindings} with findings, {html.Unchecked} could not be checked");
        }

        Console.WriteLine($"report: {output}.csv, {output}.jsonl, {output}.html; working set {Environment.WorkingSet / 1048576} MiB now (GC heap {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576} MiB, committed {GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576} MiB), {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MiB at most");
        // The whole report decides, so a resumed run whose new rows all pass still says the earlier findings are there.
        return html.WithFindings + html.Unchecked > 0 ? HasFindings : Pass;
    }

    // The rows a previous run left in the report, streamed (for the HTML page of a resumed run).
    private static async IAsyncEnumerable<(string Url, string Outcome, string Badge, string Findings)> ReadReport(
        string csvPath, bool fresh, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
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

            var f = CsvFields(line);
            if (f.Count >= 4)
            {
                yield return (f[0], f[1], f[2], f[3]);
            }
        }
    }

    private static async IAsyncEnumerable<(string Url, string? Organizer, string? Uscc)> ReadSites(FileInfo csv, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var line in File.ReadLinesAsync(csv.FullName, cancellationToken))
        {
            var fields = CsvFields(line);
            if (fields.Count == 0 || string.IsNullOrWhiteSpace(fields[0]) || fields[0].Equals("url", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            yield return (fields[0].Trim(), fields.Count > 1 && fields[1].Length > 0 ? fields[1] : null, fields.Count > 2 && fields[2].Length > 0 ? fields[2] : null);
        }
    }

    internal static List<string> CsvFields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    private static string Csv(string value)
    {
        value = Neutralize(value);
        return value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    // A cell a spreadsheet would read as a formula (OWASP's CSV injection list) gets a leading apostrophe, which the
    // spreadsheet shows as text. A badge id or URL comes from a crawled page, so it is never trusted as a formula.
    internal static string Neutralize(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    private static bool TryExpected(string? organizer, string? uscc, out OrganizerName? expectedOrganizer, out UnifiedSocialCreditCode? expectedUscc, out string? problem)
    {
        expectedOrganizer = null;
        expectedUscc = null;
        problem = null;
        if (!string.IsNullOrWhiteSpace(organizer))
        {
            if (!OrganizerName.TryParse(organizer, out var parsed, out var p))
            {
                problem = $"--organizer: {p.Message}";
                return false;
            }

            expectedOrganizer = parsed;
        }

        if (!string.IsNullOrWhiteSpace(uscc))
        {
            var result = UnifiedSocialCreditCode.Validate(uscc);
            if (!result.IsValid)
            {
                problem = $"--uscc: {string.Join("; ", result.Problems.Select(x => x.Message))}";
                return false;
            }

            expectedUscc = result.Code;
        }

        return true;
    }

    private static object Summary(SiteVerificationResult r) => new
    {
        site = r.Site.ToString(),
        outcome = r.Outcome.ToString(),
        presentation = r.Presentation.ToString(),
        badge = r.BadgeId,
        organizer = r.Certificate?.OrganizerName.Value,
        findings = r.Findings.Select(f => new { code = f.Code, message = f.Message, zh = f.ChineseMessage }),
        notices = r.Notices.Select(f => new { code = f.Code, message = f.Message, zh = f.ChineseMessage }),
    };

    private static string Describe(SiteVerificationResult r)
    {
        var text = new StringBuilder();
        text.Append(r.Outcome switch
        {
            SiteVerificationOutcome.Pass => "✓ pass",
            SiteVerificationOutcome.Findings => "✗ findings",
            _ => "? could not check",
        }).Append("  ").Append(r.Site);
        if (r.Certificate is { } c)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  badge {c.BadgeId} ({r.Presentation}), organizer {c.OrganizerName}, status {c.Status}");
        }

        foreach (var f in r.Findings)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  - [{f.Code}] {f.Message}\n    {f.ChineseMessage}");
        }

        foreach (var n in r.Notices)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  i [{n.Code}] {n.Message}\n    {n.ChineseMessage}");
        }

        return text.ToString();
    }

    private static int ExitCode(SiteVerificationOutcome outcome) => outcome == SiteVerificationOutcome.Pass ? Pass : HasFindings;

    private static Uri Authority(ParseResult parse)
    {
        var value = parse.GetValue(AuthorityOption) ?? "http://127.0.0.1:5280/";
        return Uri.TryCreate(value.EndsWith('/') ? value : value + "/", UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new ToolInputException(value.Contains("://", StringComparison.Ordinal)
                ? $"--authority '{value}' is not an http(s) URL."
                : $"--authority '{value}' has no scheme; write it as a URL, for example --authority http://{value.TrimEnd('/')}/");
    }

    private static string? ApiKey(ParseResult parse) => parse.GetValue(ApiKeyOption) ?? Environment.GetEnvironmentVariable("BADGE_API_KEY");

    // One or two lines for what the authority said, with what to do.
    private static string AuthorityProblem(BadgeAuthorityException ex, ParseResult parse, string? id) => ex switch
    {
        { Code: "transport_error" } or { Status: null } =>
            $"Could not reach the authority at {Authority(parse)}: {ex.Message}\nStart the emulator (dotnet run --project samples/Badge.Authority) or pass --authority <url>.",
        { Status: 404 } when id is not null => $"The authority at {Authority(parse)} has no badge '{id}'. Check the id (badge lookup takes a badge id or a legacy id).",
        { Status: 401 or 403 } => $"The authority refused the API key ({ex.Code}): {ex.Message}\nUse the institution's key (--api-key or BADGE_API_KEY); the emulator prints its demo keys at start.",
        _ => $"The authority refused ({ex.Code ?? ex.Status?.ToString(CultureInfo.InvariantCulture)}{(ex.Field is null ? string.Empty : ", field " + ex.Field)}): {ex.Message}",
    };

    private static ServiceProvider Services(ParseResult parse) => AddServices(new ServiceCollection(), parse).BuildServiceProvider();

    private static ServiceCollection AddServices(ServiceCollection services, ParseResult parse)
    {
        var authority = Authority(parse);
        services.AddBadgeAuthorityClient(o =>
        {
            o.BaseAddress = authority;
            o.ApiKey = ApiKey(parse);
        });
        return services;
    }

    // The authority client and the site verifier; the verifier trusts the same authority.
    private static ServiceProvider VerifierServices(ParseResult parse, TimeSpan timeout)
    {
        var services = AddServices(new ServiceCollection(), parse);
        var verifier = services.AddSiteBadgeVerifier(o => o.Timeout = timeout);
        if (parse.GetValue(ConnectToOption) is { } connectTo && IPEndPoint.TryParse(connectTo, out var endpoint))
        {
            verifier.ConfigurePrimaryHttpMessageHandler((handler, _) => ((SocketsHttpHandler)handler).ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(endpoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            });
        }

        return services.BuildServiceProvider();
    }
}

/// <summary>A mistake in what the user typed: reported in one line, exit code 2, no stack trace.</summary>
internal sealed class ToolInputException(string message) : Exception(message);
