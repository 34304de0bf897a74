using System.Security.Cryptography;
using Badge.Authority;
using Badge.Sdk.Issuance;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Badge.Sdk.Certificates;

namespace Badge.Sdk.BrowserTests;

/// <summary>
/// The manual's central replacement as a visitor sees it: a site that pasted the legacy (CONAC) embed code years ago
/// shows the new badge once the authority, with its own key, supersedes the old one; the site changes nothing.
/// </summary>
public sealed class LegacyReplacementBrowserTests : IAsyncLifetime
{
    private const string Organizer = "万载县人民政府办公室";
    private const string Uscc = "11360922MB0001230X";
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"badge-legacy-{Guid.NewGuid():N}.db");
    private WebApplication _authority = null!;
    private WebApplication _site = null!;
    private ServiceProvider _services = null!;
    private Uri _authorityAddress = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _authority = AuthorityApp.Build(
            ["--urls=http://127.0.0.1:0", $"--Authority:DatabasePath={_database}", "--Logging:LogLevel:Default=Warning"],
            b => b.Services.PostConfigure<AuthorityOptions>(o => o.DomainRegistrations.Add(new DomainRegistrationSeed { Domain = "legacy-sites.test", Uscc = Uscc })));
        await _authority.StartAsync(Ct);
        _authorityAddress = AuthorityApp.Address(_authority);
        var services = new ServiceCollection();
        services.AddBadgeAuthorityClient(o => { o.BaseAddress = _authorityAddress; o.ApiKey = "demo-authority"; });
        _services = services.BuildServiceProvider();

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _site = builder.Build();
    }

    public async ValueTask DisposeAsync()
    {
        await _site.DisposeAsync();
        await _authority.DisposeAsync();
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }

    [Fact]
    public async Task SiteWithThePastedLegacyCode_ShowsTheNewBadge_AfterTheAuthoritySupersedesIt()
    {
        var authority = _services.GetRequiredService<IBadgeAuthorityClient>();
        var legacyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        // Under legacy-sites.test, which the emulator's registry gives this institution: the successor is active at once.
        var domain = $"legacy-{legacyId[..8]}.legacy-sites.test";
        await authority.ImportLegacyBadgeAsync(new ImportLegacyBadgeRequest
        {
            LegacyId = legacyId, Uscc = Uscc, OrganizerName = Organizer, OnlineName = "万载县人民政府网", Domain = domain,
        }, Ct);

        // The page as the institution's technician left it: the old loader, pasted once, never touched again.
        var loader = new Uri(_authorityAddress, $"legacy/js/{legacyId}.js");
        var html = $"""
            <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>万载县人民政府</title></head>
            <body><main><h1>万载县人民政府</h1>{string.Concat(Enumerable.Repeat("<p>政务公开</p>", 20))}</main>
            <div style="text-align:center"><script type="text/javascript">document.write(unescape("%3Cspan id='_ideConac' %3E%3C/span%3E%3Cscript src='{loader}' type='text/javascript'%3E%3C/script%3E"));</script></div>
            </body></html>
            """;
        var served = 0;
        _site.Run(context =>
        {
            if (context.Request.Path != "/")
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;   // the browser's favicon request
                return Task.CompletedTask;
            }

            Interlocked.Increment(ref served);
            context.Response.ContentType = "text/html; charset=utf-8";
            return context.Response.WriteAsync(html);
        });
        await _site.StartAsync(Ct);
        var siteUrl = $"http://{domain}:{new Uri(_site.Urls.First()).Port}/";

        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });

        await page.GotoAsync(siteUrl);
        var badge = page.Locator("#_ideConac img#imgConac");
        await badge.WaitForAsync();
        var before = await badge.GetAttributeAsync("src");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ArtifactPath("legacy-before.png"), FullPage = true });

        var successor = await authority.IssueBadgeAsync(new IssueBadgeRequest
        {
            Kind = BadgeKind.Website, Uscc = Uscc, OrganizerName = Organizer, OnlineName = "万载县人民政府网", Domain = domain,
        }, Ct);
        await authority.SupersedeBadgeAsync(legacyId, successor.Id, Ct);

        await page.ReloadAsync();
        await badge.WaitForAsync();
        await page.WaitForFunctionAsync("() => { const i = document.getElementById('imgConac'); return i && i.complete && i.naturalWidth > 0; }");
        var after = await badge.GetAttributeAsync("src");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ArtifactPath("legacy-after.png"), FullPage = true });
        var popup = await page.RunAndWaitForPopupAsync(() => badge.ClickAsync());
        await popup.WaitForLoadStateAsync();
        await popup.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ArtifactPath("legacy-after-certificate.png"), FullPage = true });

        Assert.Contains($"legacy/image/{legacyId}.svg", before, StringComparison.Ordinal);
        Assert.Contains($"badges/{successor.Id}.svg", after, StringComparison.Ordinal);
        Assert.Equal(2, served);   // the same page, served twice, unchanged
        Assert.Contains($"/certificates/{successor.Id}", popup.Url, StringComparison.Ordinal);
        Assert.Equal(Organizer, await popup.Locator("#organizer-name").TextContentAsync());
        Assert.Equal(successor.Id, await popup.Locator("#badge-number").TextContentAsync());
        Assert.Equal(0, await popup.Locator("#status-banner").CountAsync());
        Assert.True(await popup.Locator("#free-of-charge").IsVisibleAsync(), "the certificate page shows the free-of-charge note");
        Assert.StartsWith("特别说明：机构编制部门面向机关事业单位提供网络身份认证服务实行免费政策。", await popup.Locator("#free-of-charge").TextContentAsync(), StringComparison.Ordinal);
    }
}
