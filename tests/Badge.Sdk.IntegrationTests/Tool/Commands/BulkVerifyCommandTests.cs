using System.Collections.Concurrent;
using System.Text;
using Badge.Sdk.IntegrationTests.Mistakes;
using Badge.Sdk.IntegrationTests.Verification;
using Badge.Sdk.Rendering;
using Badge.Tool;
using Badge.Tool.Commands.Verify;
using static Badge.Sdk.TestData.EmulatorHost;

namespace Badge.Sdk.IntegrationTests.Tool.Commands;

/// <summary>
/// A bulk run (`badge verify --from`), with sites served by a raw socket server on 127.0.0.1: the report is written
/// as results arrive and an interrupted run resumes without checking a site twice; when some sites are hostile (a
/// reset mid-body, a body that is not the gzip it claims, a UTF-7 page, an ftp: redirect, a badge id written as a
/// spreadsheet formula) the run goes on, each hostile row gets its outcome, the exit code covers the whole report,
/// and a resumed run neither checks a site twice nor forgets the earlier findings. A CSV with a mistake is refused
/// (run as the built tool) before anything is checked or written.
/// </summary>
public sealed class BulkVerifyCommandTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private readonly EmulatorHost _authority = fixture.Host;
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..6];
    private HostileSiteServer _server = null!;
    private DirectoryInfo _directory = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _server = new HostileSiteServer();
        _directory = Directory.CreateTempSubdirectory("badge-bulk-fault-");
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _directory.Delete(recursive: true);
    }

    // Under demo institution A's seeded registration, so its website badges are active at once (not pending).
    private string Host(string name) => $"{name}-{_suffix}.{RegisteredA}";

    private async Task<string> GoodSiteAsync(string name, string contentType = "text/html; charset=utf-8")
    {
        var host = Host(name);
        var id = (await _authority.Client(KeyA).IssueBadgeAsync(Website(host), Ct)).Id;
        var footer = Encoding.ASCII.GetString(BadgeFooterRenderer.RenderFooter(await _authority.Client().GetCertificateAsync(id, Ct)));
        _server.Html(host, $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><main>{new string('x', 2000)}</main>{footer}</body></html>", contentType);
        return $"http://{host}/";
    }

    private static readonly string ToolDll = Executable.Dll("src/Badge.Tool", "badge");

    private Task<int> Badge(params string[] args) =>
        BadgeCommand.RunAsync([.. args, "--authority", _authority.Address.ToString(), "--connect-to", $"127.0.0.1:{_server.Port}", "--timeout", "3"], Ct);

    private async Task<int> RunAsync(string report, IEnumerable<string> sites)
    {
        var csv = Path.Combine(_directory.FullName, "sites.csv");
        await File.WriteAllLinesAsync(csv, ["url,organizer,uscc", .. sites], Ct);
        return await Badge("verify", "--from", csv, "--out", report, "--concurrency", "4");
    }

    private static async Task<Dictionary<string, string>> RowsAsync(string report) =>
        (await File.ReadAllLinesAsync(report + ".csv", Ct)).Skip(1)
            .Select(ReportCsv.Fields)
            .ToDictionary(f => f[0], f => string.Join(',', f.Skip(1)), StringComparer.Ordinal);

    [Fact]
    public async Task HostileSites_DoNotAbortTheRun_TheirRowsSayWhy_AndTheExitCodeCoversTheWholeReport()
    {
        var good = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            good.Add(await GoodSiteAsync($"good{i}"));
        }

        var reset = Host("reset");
        _server.Map(reset, async c =>
        {
            await c.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 50000\r\nConnection: close\r\n\r\n<html><body>");
            await Task.Delay(50, c.Stopping);
            c.Reset();
        });
        var badGzip = Host("badgzip");
        _server.Respond(badGzip, "200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: 13", Encoding.ASCII.GetBytes("<html></html>"));
        var ftp = Host("ftp");
        _server.Redirect(ftp, "ftp://files.example.test/");
        var formula = Host("formula");
        _server.Html(formula, "<html><body><div data-online-badge=\"=HYPERLINK(&quot;http://evil.test/&quot;,&quot;ok&quot;)\"><a href=\"http://evil.test/\">x</a></div></body></html>");
        var utf7 = await GoodSiteAsync("utf7", "text/html; charset=utf-7");
        var hostile = new[] { $"http://{reset}/", $"http://{badGzip}/", $"http://{ftp}/", $"http://{formula}/", utf7 };
        var report = Path.Combine(_directory.FullName, "report");

        var allGood = await RunAsync(report, good);
        var withHostile = await RunAsync(report, [.. good, .. hostile]);
        var requestsAfterSecond = _server.Requests.Count;
        var later = await GoodSiteAsync("later");
        var resumed = await RunAsync(report, [.. good, .. hostile, later]);
        var rows = await RowsAsync(report);
        var text = await File.ReadAllTextAsync(report + ".csv", Ct);

        Assert.Equal(0, allGood);
        Assert.Equal(1, withHostile);
        Assert.Equal(1, resumed); // only a passing site was checked, but the report still holds the findings
        Assert.Equal(9, rows.Count);
        Assert.Equal(requestsAfterSecond + 1, _server.Requests.Count);
        Assert.StartsWith("CouldNotCheck,,unreach", rows[$"http://{reset}/"], StringComparison.Ordinal);
        Assert.Equal("CouldNotCheck,,unreadable", rows[$"http://{badGzip}/"]);
        Assert.Equal("CouldNotCheck,,redirect_off_site", rows[$"http://{ftp}/"]);
        Assert.StartsWith("Pass,", rows[utf7], StringComparison.Ordinal);
        Assert.StartsWith("Pass,", rows[later], StringComparison.Ordinal);
        // The badge id a hostile page chose is written so that no spreadsheet runs it as a formula.
        Assert.StartsWith("Findings,'=HYPERLINK(", rows[$"http://{formula}/"], StringComparison.Ordinal);
        Assert.DoesNotContain(",=", text, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"=", text, StringComparison.Ordinal);
    }

    // A page without a badge, answered after a pause, counting its visits.
    private void SlowPageWithoutABadge(string host, ConcurrentDictionary<string, int>? visits = null, int delayMilliseconds = 0) =>
        _server.Map(host, async c =>
        {
            visits?.AddOrUpdate(host, 1, (_, n) => n + 1);
            await Task.Delay(delayMilliseconds, c.Stopping);
            var html = Encoding.UTF8.GetBytes($"<!DOCTYPE html><html><body><main>{new string('x', 2000)}</main></body></html>");
            await c.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {html.Length}\r\nConnection: close\r\n\r\n"), html);
        });

    [Fact]
    public async Task BulkRun_WritesTheReportAsItGoes_AndResumesWithoutRecheckingFinishedSites()
    {
        var report = Path.Combine(_directory.FullName, "report");
        var sites = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            if (i % 3 == 0)
            {
                SlowPageWithoutABadge(Host($"bulk{i}"));
                sites.Add($"http://{Host($"bulk{i}")}/,万载县人民政府办公室,{InstitutionA}");
            }
            else
            {
                sites.Add($"{await GoodSiteAsync($"bulk{i}")},万载县人民政府办公室,{InstitutionA}");
            }
        }

        var first = await RunAsync(report, sites.Take(15));
        var afterFirst = (await File.ReadAllLinesAsync(report + ".csv", Ct)).Length;
        var requestsAfterFirst = _server.Requests.Count;
        var second = await RunAsync(report, sites);
        var rows = (await File.ReadAllLinesAsync(report + ".csv", Ct)).Skip(1).ToList();

        Assert.Equal(1, first);
        Assert.Equal(1, second);
        Assert.Equal(16, afterFirst);
        Assert.Equal(30, rows.Count);
        Assert.Equal(30, rows.Select(r => r.Split(',')[0]).Distinct().Count());
        Assert.Equal(10, rows.Count(r => r.Contains("no_badge", StringComparison.Ordinal)));
        Assert.Equal(30, (await File.ReadAllLinesAsync(report + ".jsonl", Ct)).Length);
        Assert.Equal(requestsAfterFirst + 15, _server.Requests.Count);
    }

    [Fact]
    public async Task InterruptedBulkRun_ResumesWithoutRecheckingFinishedSites()
    {
        var csv = Path.Combine(_directory.FullName, "sites.csv");
        var report = Path.Combine(_directory.FullName, "report");
        var visits = new ConcurrentDictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var lines = new List<string> { "url" };
        for (var i = 0; i < 40; i++)
        {
            SlowPageWithoutABadge(Host($"resume{i}"), visits, delayMilliseconds: 200);
            lines.Add($"http://{Host($"resume{i}")}/");
        }

        await File.WriteAllLinesAsync(csv, lines, Ct);
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var first = BadgeCommand.RunAsync(
            ["verify", "--from", csv, "--out", report, "--concurrency", "4", "--authority", _authority.Address.ToString(), "--connect-to", $"127.0.0.1:{_server.Port}"],
            interrupt.Token);
        // Interrupted once a few rows are in the report (not after a fixed time, which a loaded machine stretches).
        while (!first.IsCompleted && (!File.Exists(report + ".csv") || (await File.ReadAllLinesAsync(report + ".csv", Ct)).Length < 4))
        {
            await Task.Delay(20, Ct);
        }

        await interrupt.CancelAsync();
        try
        {
            await first;
        }
        catch (OperationCanceledException)
        {
        }

        var finishedFirst = (await File.ReadAllLinesAsync(report + ".csv", Ct)).Skip(1).Select(r => r.Split(',')[0]).ToList();
        await Badge("verify", "--from", csv, "--out", report, "--concurrency", "8");
        var rows = (await File.ReadAllLinesAsync(report + ".csv", Ct)).Skip(1).Select(r => r.Split(',')[0]).ToList();

        Assert.InRange(finishedFirst.Count, 1, 39);
        Assert.Equal(40, rows.Count);
        Assert.Equal(40, rows.Distinct().Count());
        Assert.All(finishedFirst, url => Assert.Equal(1, visits[new Uri(url).Host]));
    }

    [Fact]
    public async Task FromAFileThatDoesNotExist_SaysFileNotFound_ExitCode2()
    {
        var run = await Executable.RunAsync(ToolDll, ["verify", "--from", "nope.csv", "--authority", "http://127.0.0.1:9/"], workingDirectory: _directory.FullName);

        Executable.AssertMistake(run, 2, "file not found", "nope.csv");
    }

    [Fact]
    public async Task CsvWithTheWrongHeader_IsRefused_NamingTheExpectedColumns_AndNothingIsWritten()
    {
        var csv = Path.Combine(_directory.FullName, "sites.csv");
        await File.WriteAllLinesAsync(csv, ["website,name,code", "http://gov-a.test/,万载县人民政府办公室,11360922MB0001230X"], Ct);

        var run = await Executable.RunAsync(ToolDll, ["verify", "--from", csv, "--out", "report", "--authority", "http://127.0.0.1:9/"], workingDirectory: _directory.FullName);

        Executable.AssertMistake(run, 2, "url,organizer,uscc", "line 1");
        Assert.False(File.Exists(Path.Combine(_directory.FullName, "report.csv")), "the header row must not be checked as a site");
    }

    [Fact]
    public async Task InvalidUsccInABulkCsv_NamesTheRowAndTheColumn()
    {
        var csv = Path.Combine(_directory.FullName, "sites.csv");
        await File.WriteAllLinesAsync(csv, ["url,organizer,uscc", "http://gov-a.test/,万载县人民政府办公室,11360922MB0001230X", "http://gov-b.test/,万载县人民政府办公室,11360922MB0001230Y"], Ct);

        var run = await Executable.RunAsync(ToolDll, ["verify", "--from", csv, "--out", "report", "--authority", "http://127.0.0.1:9/"], workingDirectory: _directory.FullName);

        Executable.AssertMistake(run, 2, "line 3", "column uscc", "11360922MB0001230Y");
        Assert.False(File.Exists(Path.Combine(_directory.FullName, "report.csv")));
    }
}
