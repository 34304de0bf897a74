using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using static Badge.Sdk.TestData.EmulatorHost;

namespace Badge.Sdk.BrowserTests;

/// <summary>
/// The manual's website flow in the institution portal (试用系统), as a person does it: 登录试用系统 → 网上标识 →
/// 领取网上标识 → 网上名称、域名 → 提交 → 复制代码; the copied code pasted into a site's home page (a real Kestrel
/// site on 127.0.0.1) draws the badge, and clicking it opens 标识证书基本信息 with the 主办单位名称.
/// </summary>
public sealed class PortalBrowserTests : IAsyncLifetime
{
    private const string Organizer = "万载县人民政府办公室";
    private EmulatorHost _authority = null!;
    private WebApplication _site = null!;
    private string _pasted = string.Empty;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _authority = await EmulatorHost.StartAsync();

        // The institution's own website: its home page carries whatever code was pasted into it, wrapped in a <div> at the bottom.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _site = builder.Build();
        _site.MapGet("/", () => Results.Content(
            $"""
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>万载县人民政府网</title></head>
            <body><main><h1>万载县人民政府网</h1><p>政务公开</p></main>
            <footer><div class="badge-footer">{_pasted}</div></footer></body></html>
            """, "text/html; charset=utf-8"));
        await _site.StartAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _site.DisposeAsync();
        await _authority.DisposeAsync();
    }

    [Fact]
    public async Task ClaimInThePortal_CopyTheCode_PasteItIntoTheSite_TheBadgeLeadsToTheCertificate()
    {
        var domain = UniqueDomain("www");
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            Permissions = ["clipboard-read", "clipboard-write"],
            ViewportSize = new ViewportSize { Width = 1200, Height = 900 },
        });
        var page = await context.NewPageAsync();

        await SignInAsync(page, _authority.Address, InstitutionA.ToString(), KeyA);
        await page.Locator("nav.menu").GetByText("网上标识", new() { Exact = true }).WaitForAsync();
        await page.Locator("nav.menu").GetByRole(AriaRole.Link, new() { Name = "领取网上标识", Exact = true }).ClickAsync();
        await page.FillAsync("#onlineName", "万载县人民政府网");
        await page.FillAsync("#domain", domain);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ArtifactPath("portal-claim-form.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "提交", Exact = true }).ClickAsync();
        await page.Locator("#embed-code").WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "复制代码", Exact = true }).ClickAsync();
        await page.Locator("#embed-code-status").Filter(new() { HasText = "已复制" }).WaitForAsync();
        var copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        var badgeId = await page.Locator("#badge-id").TextContentAsync();
        var shown = await page.InputValueAsync("#embed-code");
        var freeOfCharge = await page.Locator("#free-of-charge").TextContentAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ArtifactPath("portal-claimed.png"), FullPage = true });

        // The technician pastes the code into the site's home page.
        _pasted = copied;
        var home = new UriBuilder("http", domain, new Uri(_site.Urls.First()).Port, "/").Uri;
        await page.GotoAsync(home.ToString());
        var badge = page.Locator(".badge-footer a.online-badge-link img");
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('.badge-footer img'); return i && i.complete && i.naturalWidth > 0; }");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ArtifactPath("portal-pasted-site.png"), FullPage = true });
        var popup = await page.RunAndWaitForPopupAsync(() => badge.ClickAsync());
        await popup.WaitForLoadStateAsync();
        await popup.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ArtifactPath("portal-certificate.png"), FullPage = true });

        Assert.Contains($"data-badge-id=\"{badgeId}\"", copied, StringComparison.Ordinal);
        Assert.Equal(shown, copied);
        Assert.Contains("免费政策", freeOfCharge, StringComparison.Ordinal);
        Assert.Equal("标识证书基本信息", await popup.Locator("h1").TextContentAsync());
        Assert.Equal(Organizer, await popup.Locator("#organizer-name").TextContentAsync());
        Assert.Equal(0, await popup.Locator("#foreign-site-warning").CountAsync());
        Assert.Contains($"/certificates/{badgeId}", popup.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInvalidDomain_IsShownNextToTheDomainField_AndTheFormKeepsWhatWasTyped()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };

        await SignInAsync(page, _authority.Address, InstitutionA.ToString(), KeyA);
        await page.GotoAsync(new Uri(_authority.Address, "portal/badges/new").ToString());
        await page.FillAsync("#onlineName", "万载县人民政府网");
        await page.FillAsync("#domain", "gov.cn");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交", Exact = true }).ClickAsync();
        var error = page.Locator("#domain-error");
        await error.WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ArtifactPath("portal-claim-error.png"), FullPage = true });
        var errorBox = await error.BoundingBoxAsync();
        var inputBox = await page.Locator("#domain").BoundingBoxAsync();
        var sameField = await error.EvaluateAsync<bool>("e => e.closest('.field').contains(document.getElementById('domain'))");

        Assert.Contains("公共后缀", await error.TextContentAsync(), StringComparison.Ordinal);
        Assert.True(await error.IsVisibleAsync());
        Assert.True(sameField, "the message is in the domain field's own row");
        Assert.NotNull(errorBox);
        Assert.NotNull(inputBox);
        Assert.InRange(errorBox.Y - (inputBox.Y + inputBox.Height), -1, 40);
        Assert.Equal("gov.cn", await page.InputValueAsync("#domain"));
        Assert.Equal("万载县人民政府网", await page.InputValueAsync("#onlineName"));
        Assert.Equal(0, await page.Locator("#onlineName-error").CountAsync());
        Assert.Equal("true", await page.GetAttributeAsync("#domain", "aria-invalid"));
        Assert.Empty(violations);
    }

    internal static async Task SignInAsync(IPage page, Uri authority, string uscc, string key)
    {
        await page.GotoAsync(new Uri(authority, "portal/").ToString());
        await page.FillAsync("#uscc", uscc);
        await page.FillAsync("#key", key);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await page.Locator("#signed-in-as").WaitForAsync();
    }
}
