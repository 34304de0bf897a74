using System.Text;
using Badge.Sdk.Rendering;
using static Badge.Sdk.TestData.EmulatorHost;

namespace Badge.Sdk.IntegrationTests.Verification;

/// <summary>
/// A bulk run (`badge verify --from`) over a CSV in which some sites are hostile (a reset mid-body, a body that is
/// not the gzip it claims, a UTF-7 page, an ftp: redirect, a badge id written as a spreadsheet formula), served by
/// a raw socket server on 127.0.0.1: the run goes on, each hostile row gets its outcome, the exit code covers the
/// whole report, and a resumed run neither checks a site twice nor forgets the earlier findings.
/// </summary>
public sealed class BulkVerifyFaultTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IAsyncLifetime
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

    private Task<int> Badge(params string[] args) =>
        global::Badge.Tool.BadgeCommand.RunAsync([.. args, "--authority", _authority.Address.ToString(), "--connect-to", $"127.0.0.1:{_server.Port}", "--timeout", "3"], Ct);

    private async Task<int> RunAsync(string report, IEnumerable<string> sites)
    {
        var csv = Path.Combine(_directory.FullName, "sites.csv");
        await File.WriteAllLinesAsync(csv, ["url,organizer,uscc", .. sites], Ct);
        return await Badge("verify", "--from", csv, "--out", report, "--concurrency", "4");
    }

    private static async Task<Dictionary<string, string>> RowsAsync(string report) =>
        (await File.ReadAllLinesAsync(report + ".csv", Ct)).Skip(1)
            .Select(global::Badge.Tool.BadgeCommand.CsvFields)
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

    [Theory]
    [InlineData("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("bdg-0123", "bdg-0123")]
    public void CsvCells_ThatASpreadsheetWouldRun_AreNeutralised(string cell, string written) =>
        Assert.Equal(written, global::Badge.Tool.BadgeCommand.Neutralize(cell));
}
