using System.Net;
using System.Net.Http.Json;
using Badge.Platform;
using Microsoft.Playwright;

namespace Badge.Sdk.BrowserTests;

/// <summary>
/// The manual's census route, filed where the manual says (在试用系统中准确填报互联网政务应用普查信息): the institution
/// files its verified Kuaishou account in the portal's 互联网政务应用普查信息填报 and does nothing else; the platform
/// sample attaches the badge on its behalf (代为加注) and the account's profile shows it.
/// </summary>
public sealed class PortalCensusBrowserTests : IAsyncLifetime
{
    private const string Organizer = "万载县人民政府办公室";
    private const string Uscc = "11360922MB0001230X";
    private readonly string _data = Directory.CreateTempSubdirectory("badge-portal-census-").FullName;
    private PlatformApp _platform = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _platform = await PlatformApp.StartAsync(["--Platform:Id=kuaishou", "--Platform:Port=0", $"--Badge:DataDirectory={_data}", "--Badge:EmbeddedAuthorityUrl=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);

    public async ValueTask DisposeAsync()
    {
        await _platform.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task CensusFiledInThePortal_ThePlatformAttachesTheBadge_AndTheProfileShowsIt()
    {
        var account = "ks-" + Guid.NewGuid().ToString("N")[..10];
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });

        // The institution, in the portal: one census entry for its verified (加V) Kuaishou account.
        await PortalBrowserTests.SignInAsync(page, _platform.AuthorityAddress, Uscc, "demo-institution-a");
        await page.Locator("nav.menu").GetByRole(AriaRole.Link, new() { Name = "互联网政务应用普查信息填报", Exact = true }).ClickAsync();
        await page.SelectOptionAsync("#kind", "account");
        await page.FillAsync("#name", "万载发布");
        await page.SelectOptionAsync("#platform", new SelectOptionValue { Label = "快手" });
        await page.FillAsync("#accountId", account);
        await page.CheckAsync("#verified");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交", Exact = true }).ClickAsync();
        await page.Locator("#census-notice").WaitForAsync();
        var row = page.Locator("#census tr", new() { HasText = account });
        var rowText = await row.TextContentAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ArtifactPath("portal-census.png"), FullPage = true });

        // The platform: it verified the account for this institution, then runs the authority's census list.
        using var http = new HttpClient { BaseAddress = _platform.Address };
        using (var verified = await http.PostAsync("verified-accounts", JsonContent.Create(new { accountId = account, uscc = Uscc }), Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, verified.StatusCode);
        }

        using var attach = await http.PostAsync("census/attach", null, Ct);
        var attached = await attach.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct);
        var badgeId = Assert.Single(attached.EnumerateArray(), a => a.GetProperty("accountId").GetString() == account).GetProperty("badgeId").GetString();

        await page.GotoAsync(new Uri(_platform.Address, $"accounts/{account}").ToString());
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('#badge img'); return i && i.complete && i.naturalWidth > 0; }");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ArtifactPath("portal-census-profile.png"), FullPage = true });
        var organizer = await page.Locator("#organizer").TextContentAsync();
        var shownBadge = await page.Locator("#badge-id").TextContentAsync();

        // Back in the portal, 我的标识 lists the badge the platform attached.
        await page.GotoAsync(new Uri(_platform.AuthorityAddress, "portal/badges").ToString());
        var listed = await page.Locator($"#badges tr[data-badge=\"{badgeId}\"]").TextContentAsync();

        Assert.Contains("快手", rowText, StringComparison.Ordinal);
        Assert.Contains("是", rowText, StringComparison.Ordinal);
        Assert.Equal(Organizer, organizer);
        Assert.Equal(badgeId, shownBadge);
        Assert.Contains("万载发布", listed, StringComparison.Ordinal);
        Assert.Contains("有效", listed, StringComparison.Ordinal);
    }
}
