using System.Net;
using System.Net.Http.Json;
using Badge.Platform;
using Badge.Sdk.Issuance;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Badge.Sdk.BrowserTests;

/// <summary>
/// The manual's census route for verified Kuaishou accounts, as a person watches it: the institution files its
/// census entry at the authority and does nothing else; the platform, which verified the account for that
/// institution, attaches the badge on its behalf (代为加注), and the account's profile shows it, linking to the
/// authority's certificate page.
/// </summary>
public sealed class CensusBrowserTests : IAsyncLifetime
{
    private const string Organizer = "万载县人民政府办公室";
    private const string Uscc = "11360922MB0001230X";
    private readonly string _data = Directory.CreateTempSubdirectory("badge-census-").FullName;
    private PlatformApp _platform = null!;
    private ServiceProvider _services = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _platform = await PlatformApp.StartAsync(["--Platform:Id=kuaishou", "--Platform:Port=0", $"--Badge:DataDirectory={_data}", "--Badge:EmbeddedAuthorityUrl=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
        var services = new ServiceCollection();
        services.AddBadgeAuthorityClient(o => { o.BaseAddress = _platform.AuthorityAddress; o.ApiKey = "demo-institution-a"; });
        _services = services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _platform.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task CensusFiledForAVerifiedKuaishouAccount_ThePlatformAttachesTheBadge_AndTheProfileLinksToItsCertificate()
    {
        var account = "ks-" + Guid.NewGuid().ToString("N")[..10];
        using var http = new HttpClient { BaseAddress = _platform.Address };

        // The institution: one census entry, filed at the authority. Nothing on the platform.
        await _services.GetRequiredService<ICensusClient>().SubmitCensusRecordsAsync(new CensusSubmission
        {
            Uscc = Uscc,
            Entries = [new CensusEntry { Platform = "kuaishou", AccountId = account, Name = "万载发布", Verified = true }],
        }, Ct);

        // The platform: it verified (加V) the account for this institution, then runs the authority's census list.
        using var before = await http.GetAsync($"accounts/{account}", Ct);
        using (var verified = await http.PostAsync("verified-accounts", JsonContent.Create(new { accountId = account, uscc = Uscc }), Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, verified.StatusCode);
        }

        using var attach = await http.PostAsync("census/attach", null, Ct);
        var attached = await attach.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct);
        var badgeId = Assert.Single(attached.EnumerateArray(), a => a.GetProperty("accountId").GetString() == account).GetProperty("badgeId").GetString();

        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1000, Height = 700 } });
        await page.GotoAsync(new Uri(_platform.Address, $"accounts/{account}").ToString());
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('#badge img'); return i && i.complete && i.naturalWidth > 0; }");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ArtifactPath("census-profile.png"), FullPage = true });
        var organizer = await page.Locator("#organizer").TextContentAsync();
        var attachedBy = await page.Locator("#attached-by").TextContentAsync();
        var shownBadge = await page.Locator("#badge-id").TextContentAsync();

        var popup = await page.RunAndWaitForPopupAsync(() => page.ClickAsync("#certificate-link"));
        await popup.WaitForLoadStateAsync();
        await popup.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ArtifactPath("census-certificate.png"), FullPage = true });

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.True(attach.IsSuccessStatusCode);
        Assert.Equal(Organizer, organizer);
        Assert.Equal(badgeId, shownBadge);
        Assert.Contains("普查信息代为加注", attachedBy, StringComparison.Ordinal);
        Assert.Contains($"/certificates/{badgeId}", popup.Url, StringComparison.Ordinal);
        Assert.Equal(Organizer, await popup.Locator("#organizer-name").TextContentAsync());
        Assert.Equal(account, await popup.Locator("#account").TextContentAsync());
    }

    // The same route on the platform sample's own page, as its staff would watch it: record the verified account,
    // receive the authority's attachment requests, open the attached account's profile.
    [Fact]
    public async Task OnThePlatformsPage_TheAttachmentRequestIsReceived_AndTheProfileShowsTheBadgeAttachedFromTheCensus()
    {
        var account = "ks-" + Guid.NewGuid().ToString("N")[..10];
        var other = "ks-" + Guid.NewGuid().ToString("N")[..10];
        await _services.GetRequiredService<ICensusClient>().SubmitCensusRecordsAsync(new CensusSubmission
        {
            Uscc = Uscc,
            Entries =
            [
                new CensusEntry { Platform = "kuaishou", AccountId = account, Name = "万载发布", Verified = true },
                // Filed, but the platform verified it for another institution: no badge for it.
                new CensusEntry { Platform = "kuaishou", AccountId = other, Name = "万载教育", Verified = true },
            ],
        }, Ct);

        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1000, Height = 1400 } });
        var consoleErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") { consoleErrors.Add(message.Text); } };
        await page.GotoAsync(_platform.Address.ToString());
        await page.Locator("#census").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });

        await page.FillAsync("#verified-form input[name=accountId]", account);
        await page.FillAsync("#verified-form input[name=uscc]", Uscc);
        await page.ClickAsync("#verified-form button[type=submit]");
        await page.WaitForFunctionAsync("a => document.getElementById('verified-state').innerText.includes(a)", account);
        await page.FillAsync("#verified-form input[name=accountId]", other);
        await page.FillAsync("#verified-form input[name=uscc]", "12360922MB000567XC");
        await page.ClickAsync("#verified-form button[type=submit]");
        await page.WaitForFunctionAsync("a => document.getElementById('verified-state').innerText.includes(a)", other);
        await page.ClickAsync("#census-attach");
        await page.Locator("#census-attached li a").First.WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ArtifactPath("census-platform-page.png"), FullPage = true });
        var received = await page.Locator("#census-attached li").AllInnerTextsAsync();

        await page.ClickAsync($"#census-attached li a:text-is('{account}')");
        await page.Locator("#organizer").WaitForAsync();
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('#badge img'); return i && i.complete && i.naturalWidth > 0; }");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ArtifactPath("census-platform-profile.png"), FullPage = true });

        var line = Assert.Single(received);
        Assert.StartsWith(account + " — 已代为加注 ", line, StringComparison.Ordinal);
        Assert.Equal($"/accounts/{account}", new Uri(page.Url).AbsolutePath);
        Assert.Equal(Organizer, await page.Locator("#organizer").TextContentAsync());
        Assert.Equal(line[(account + " — 已代为加注 ").Length..], await page.Locator("#badge-id").TextContentAsync());
        Assert.Contains("普查信息代为加注", await page.Locator("#attached-by").TextContentAsync(), StringComparison.Ordinal);
        using var http = new HttpClient { BaseAddress = _platform.Address };
        using var none = await http.GetAsync($"accounts/{other}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
    }
}
