using Badge.GovSite;
using Microsoft.Playwright;

namespace Badge.Sdk.BrowserTests;

public sealed class GovSiteBrowserTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("badge-govsite-").FullName;
    private GovSiteApp _site = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
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
    }

    [Fact]
    public async Task HomePage_ShowsTheBadgeAtTheBottom_AndClickingItOpensTheCertificate()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });

        await page.GotoAsync(_site.SiteAddress.ToString());
        var badge = page.Locator(".online-badge img");
        await badge.ScrollIntoViewIfNeededAsync();
        var box = await badge.BoundingBoxAsync();
        var scrollTop = await page.EvaluateAsync<double>("() => window.scrollY");
        var documentHeight = await page.EvaluateAsync<double>("() => document.documentElement.scrollHeight");
        var imageLoaded = await badge.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ArtifactPath("govsite-home.png"), FullPage = true });

        Assert.True(await badge.IsVisibleAsync());
        Assert.True(imageLoaded, "the badge image (served from /_badge/) loaded");
        Assert.NotNull(box);
        Assert.True(scrollTop + box.Y > documentHeight * 0.7, $"badge top {scrollTop + box.Y} is in the bottom part of a {documentHeight}px page");

        var popup = await page.RunAndWaitForPopupAsync(() => badge.ClickAsync());
        await popup.WaitForLoadStateAsync();
        var organizer = await popup.Locator("#organizer-name").TextContentAsync();
        await popup.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ArtifactPath("certificate.png"), FullPage = true });

        Assert.Equal("万载县人民政府办公室", organizer);
        Assert.Equal(0, await popup.Locator("#foreign-site-warning").CountAsync());
        Assert.Contains($"/certificates/{_site.BadgeId}", popup.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StrictCspPage_RendersTheStyledBadge()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };

        var response = await page.GotoAsync(new Uri(_site.SiteAddress, "strict").ToString());
        var display = await page.Locator(".online-badge").EvaluateAsync<string>("e => getComputedStyle(e).display");
        var headerBackground = await page.Locator("header").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        var loaded = await page.Locator(".online-badge img").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0");

        Assert.Equal("default-src 'self'", (await response!.AllHeadersAsync())["content-security-policy"]);
        Assert.Equal("flex", display);
        Assert.Equal("rgb(200, 16, 46)", headerBackground); // the site's own stylesheet applies under the strict policy
        Assert.True(loaded);
        Assert.Empty(violations);
    }

    [Fact]
    public async Task HomePage_LinksEveryPage_AndEachLinkAnswers()
    {
        using var http = new HttpClient { BaseAddress = _site.SiteAddress };

        var html = await http.GetStringAsync("/", Ct);
        var links = System.Text.RegularExpressions.Regex.Matches(html, "href=\"(/[^\"]*)\"").Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.Superset(new HashSet<string>(["/news/1", "/gbk", "/stream", "/about.html", "/placed", "/strict", "/plain", "/site.css"]), links.ToHashSet());
        foreach (var link in links)
        {
            using var response = await http.GetAsync(link, Ct);
            Assert.True(response.IsSuccessStatusCode, $"{link}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task BadgeImage_OrganizerNameIsLegibleAtOneX()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { DeviceScaleFactor = 1, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });

        // The footer shows the image at its own size (1×)…
        await page.GotoAsync(_site.SiteAddress.ToString());
        var shown = await page.Locator(".online-badge img").BoundingBoxAsync();
        // …and in the image the organizer name's text boxes are at least 12 CSS px high, the whole name on two lines.
        await page.GotoAsync(new Uri(_site.SiteAddress, $"_badge/{_site.BadgeId}.svg").ToString());
        var heights = await page.EvaluateAsync<double[]>("() => [...document.querySelectorAll('.organizer-line')].map(t => t.getBoundingClientRect().height)");
        var text = await page.EvaluateAsync<string>("() => [...document.querySelectorAll('.organizer-line')].map(t => t.textContent).join('')");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ArtifactPath("badge-image.png") });

        Assert.NotNull(shown);
        Assert.Equal((110d, 128d), (shown.Width, shown.Height));
        Assert.Equal("万载县人民政府办公室", text);
        Assert.Equal(2, heights.Length);
        Assert.All(heights, h => Assert.True(h >= 12, $"organizer line {h} CSS px high"));
    }

    [Fact]
    public async Task GbkPage_ShowsItsTextAndTheBadge()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();

        await page.GotoAsync(new Uri(_site.SiteAddress, "gbk").ToString());

        Assert.Contains("以 GBK 编码输出", await page.Locator("main").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("网上标识：万载县人民政府办公室", await page.Locator(".online-badge img").GetAttributeAsync("alt"));
    }

    [Fact]
    public async Task RazorTagHelper_PlacesTheBadgeWhereItStands_AndTheMiddlewareAddsNoSecond()
    {
        using var http = new HttpClient { BaseAddress = _site.SiteAddress };

        var html = await http.GetStringAsync("/placed", Ct);

        var at = html.IndexOf("data-online-badge=", StringComparison.Ordinal);
        Assert.True(at > 0, "the tag helper rendered the footer");
        Assert.Equal(at, html.LastIndexOf("data-online-badge=", StringComparison.Ordinal));
        Assert.True(at > html.IndexOf("<aside id=\"badge-slot\">", StringComparison.Ordinal) && at < html.IndexOf("</aside>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BulkReport_OpensInChromium_AndShowsTheCountsOfTheRun()
    {
        var directory = Directory.CreateTempSubdirectory("badge-report-");
        var csv = Path.Combine(directory.FullName, "sites.csv");
        var report = Path.Combine(directory.FullName, "report");
        await File.WriteAllLinesAsync(csv, ["url,organizer", "http://localhost/,万载县人民政府办公室", "http://copied.test/,", "http://127.0.0.1:1/,"], Ct);

        var exit = await global::Badge.Tool.BadgeCommand.RunAsync(
            ["verify", "--from", csv, "--out", report, "--authority", _site.AuthorityAddress.ToString(), "--connect-to", $"127.0.0.1:{_site.SiteAddress.Port}"],
            Ct);
        var rows = (await File.ReadAllLinesAsync(report + ".csv", Ct)).Skip(1).ToList();

        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(report + ".html").AbsoluteUri);
        var pass = await page.Locator("#count-pass").TextContentAsync();
        var findings = await page.Locator("#count-findings").TextContentAsync();
        var unchecked_ = await page.Locator("#count-unchecked").TextContentAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ArtifactPath("bulk-report.png"), FullPage = true });

        Assert.Equal(1, exit); // findings: one copied badge, one site that could not be checked
        Assert.Equal(rows.Count(r => r.Split(',')[1] == "Pass").ToString(System.Globalization.CultureInfo.InvariantCulture), pass);
        Assert.Equal(rows.Count(r => r.Split(',')[1] == "Findings").ToString(System.Globalization.CultureInfo.InvariantCulture), findings);
        Assert.Equal(rows.Count(r => r.Split(',')[1] == "CouldNotCheck").ToString(System.Globalization.CultureInfo.InvariantCulture), unchecked_);
        Assert.Equal(("1", "1", "1"), (pass, findings, unchecked_));
        Assert.Equal(3, await page.Locator("#results tbody tr").CountAsync());
        directory.Delete(recursive: true);
    }
}
