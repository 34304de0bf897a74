using System.Text;
using Badge.GovSite;
using Microsoft.Playwright;

namespace Badge.Sdk.BrowserTests;

/// <summary>
/// The footer's placement rule (README, "Where the badge goes") checked where it matters: what Chromium builds from
/// the pages the middleware serves. Static pages of each misleading shape are served by the sample site, whose
/// footer middleware covers static files.
/// </summary>
public sealed class FooterPlacementBrowserTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("badge-placement-").FullName;
    private readonly string _pages = Path.Combine(AppContext.BaseDirectory, "wwwroot", "placement-" + Guid.NewGuid().ToString("N")[..8]);
    private GovSiteApp _site = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_pages);
        await File.WriteAllTextAsync(Path.Combine(_pages, "pasted.html"), PastedDocumentPage(), Ct);
        await File.WriteAllTextAsync(Path.Combine(_pages, "svg.html"), Page("<svg width=\"10\" height=\"10\"><plaintext>x</plaintext></svg><math><plaintext/></math><p id=\"after\">后文</p>"), Ct);
        await File.WriteAllTextAsync(Path.Combine(_pages, "select.html"), Page("<form><select><option>a<plaintext></select><p id=\"after\">后文</p></form>"), Ct);
        await File.WriteAllTextAsync(
            Path.Combine(_pages, "frameset.html"),
            "<html><head><meta charset=\"utf-8\"><title>框架</title></head></body><frameset cols=\"50%,50%\"><frame src=\"a.html\"><frame src=\"b.html\"></frameset></html>",
            Ct);
        _site = await GovSiteApp.StartAsync(["--urls=http://127.0.0.1:0", $"--Badge:DataDirectory={_data}", "--Badge:EmbeddedAuthorityUrl=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
        using var http = new HttpClient { BaseAddress = _site.SiteAddress };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await http.GetStringAsync("/", Ct)).Contains("data-online-badge", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "the site did not show its badge within 30 s");
            await Task.Delay(100, Ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _site.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
        Directory.Delete(_pages, recursive: true);
    }

    [Fact]
    public async Task EachPageShape_ChromiumBuildsWhatThePlacementRuleSays()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        var folder = Path.GetFileName(_pages);

        // A whole document pasted into the article: the badge is the body's last element, outside the article.
        await page.GotoAsync(new Uri(_site.SiteAddress, $"{folder}/pasted.html").ToString());
        Assert.Equal(1, await page.Locator(".online-badge").CountAsync());
        Assert.Equal(0, await page.Locator("#article .online-badge").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => document.body.lastElementChild.matches('.online-badge')"), "the badge is the body's last element");
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('.footer').compareDocumentPosition(document.querySelector('.online-badge')) === Node.DOCUMENT_POSITION_FOLLOWING"));

        // <plaintext> in SVG and MathML is an element: the page goes on, and the badge closes it.
        await page.GotoAsync(new Uri(_site.SiteAddress, $"{folder}/svg.html").ToString());
        Assert.Equal("后文", await page.Locator("#after").TextContentAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => document.body.lastElementChild.matches('.online-badge')"), "the badge is the body's last element");

        // In a <select>, Chromium does switch to plaintext: the rest of the page is text, and no footer is added
        // (it would show as text).
        await page.GotoAsync(new Uri(_site.SiteAddress, $"{folder}/select.html").ToString());
        Assert.Equal(0, await page.Locator("#after").CountAsync());
        Assert.Equal(0, await page.Locator(".online-badge").CountAsync());
        Assert.DoesNotContain("online-badge", await page.EvaluateAsync<string>("() => document.body.textContent"), StringComparison.Ordinal);

        // A frameset document keeps its frames.
        await page.GotoAsync(new Uri(_site.SiteAddress, $"{folder}/frameset.html").ToString());
        Assert.Equal(1, await page.Locator("frameset").CountAsync());
        Assert.Equal(2, await page.EvaluateAsync<int>("() => window.frames.length"));
        Assert.Equal(0, await page.Locator(".online-badge").CountAsync());
    }

    private static string Page(string content) =>
        $"<!doctype html><html><head><meta charset=\"utf-8\"><title>页面</title></head><body><p>前文</p>{content}</body></html>\n";

    // About 60 KB: the first </body> ends a document pasted into the article, some 45 KB before the page's own.
    private static string PastedDocumentPage()
    {
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>政务公开</title></head>\n<body>\n");
        page.Append("<div class=\"article\" id=\"article\"><h1>关于印发工作要点的通知</h1>\n");
        page.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>微信文章</title></head><body><div id=\"js_content\">");
        for (var i = 0; i < 30; i++)
        {
            page.Append("<p>公众号文章正文，第").Append(i).Append("段。</p>");
        }

        page.Append("</div></body></html>\n");
        var paragraph = 0;
        while (Encoding.UTF8.GetByteCount(page.ToString()) < 59_000)
        {
            page.Append("<p class=\"text\">编者按之后的正文继续，附件与解读见下文。第").Append(paragraph++).Append("段。</p>\n");
        }

        page.Append("</div>\n<div class=\"footer\">版权所有：万载县人民政府</div>\n</body>\n</html>\n");
        return page.ToString();
    }
}
