using Badge.Sdk.BrowserTests;
using Microsoft.Playwright;

namespace Badge.Gateway.Tests;

/// <summary>What a person sees: an nginx-served page through the gateway in Chromium.</summary>
public sealed class GatewayBrowserTests(NginxPhpUpstream upstream) : IClassFixture<NginxPhpUpstream>
{
    [Fact]
    public async Task NginxPage_ShowsTheBadgeAtTheBottom_AndClickingItOpensTheCertificate()
    {
        SystemPackages.Require(upstream.MissingReason);
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });

        // "localhost" is the badge's domain, as a site's own name would be.
        await page.GotoAsync($"http://localhost:{upstream.Gateway.Address.Port}/index.html");
        var badge = page.Locator(".online-badge img");
        await badge.ScrollIntoViewIfNeededAsync();
        var box = await badge.BoundingBoxAsync();
        var scrollTop = await page.EvaluateAsync<double>("() => window.scrollY");
        var documentHeight = await page.EvaluateAsync<double>("() => document.documentElement.scrollHeight");
        var imageLoaded = await badge.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0");
        var articles = await page.Locator("article").CountAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ArtifactPath("gateway-nginx-page.png"), FullPage = true });

        Assert.Equal(200, articles);
        Assert.True(await badge.IsVisibleAsync());
        Assert.True(imageLoaded, "the badge image (served by the gateway from /_badge/) loaded");
        Assert.NotNull(box);
        Assert.True(scrollTop + box.Y > documentHeight * 0.9, $"badge top {scrollTop + box.Y} is at the bottom of a {documentHeight}px page");

        var popup = await page.RunAndWaitForPopupAsync(() => badge.ClickAsync());
        await popup.WaitForLoadStateAsync();
        var organizer = await popup.Locator("#organizer-name").TextContentAsync();
        await popup.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ArtifactPath("gateway-certificate.png"), FullPage = true });

        Assert.Equal(NginxPhpUpstream.Organizer, organizer);
        Assert.Equal(0, await popup.Locator("#foreign-site-warning").CountAsync());
        Assert.Contains($"/certificates/{upstream.BadgeId}", popup.Url, StringComparison.Ordinal);
    }
}
