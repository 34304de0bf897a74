using Badge.CredentialApp;
using Badge.Platform;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Badge.Sdk.BrowserTests;

/// <summary>
/// The platform sample's page in Chromium, as an operator uses it: start a Weibo certification, click through the
/// steps, scan the QR shown on the page with the credential app (decoded from a screenshot of the page), watch the
/// page move on, approve the review, open the account's profile with its badge, and click the badge through to the
/// authority's certificate page of that badge.
/// </summary>
public sealed class PlatformBrowserTests() : PlatformPageTest("weibo", "badge-platform-")
{
    [Fact]
    public async Task AnOperatorWalksTheWeiboFlow_ScansThePagesQr_AndTheProfileShowsTheBadge()
    {
        var account = "wb-" + Guid.NewGuid().ToString("N")[..10];
        await GrantAsync(account);
        var credential = await EnrollAsync();

        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var consoleErrors = new List<string>();
        var page = await StartCertificationAsync(browser, "unverified", account, 1600, consoleErrors);
        await Expect(page.Locator("#state"), "InProgress");
        Assert.Equal(4, await page.Locator("#steps li").CountAsync());

        await CompleteNextStepAsync(page);   // 第1步 government-verification
        await CompleteNextStepAsync(page);   // 第2步 form (the code and name as typed)
        await page.Locator("#identity").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        await page.WaitForFunctionAsync("() => { const i = document.getElementById('qr'); return i.complete && i.naturalWidth > 0; }");
        var displayCode = await page.InnerTextAsync("#display-code");

        // The phone's camera: a screenshot of the QR as the page shows it.
        var shot = Chromium.ArtifactPath("platform-qr.png");
        await ReadQrAsync(page.Locator("#qr"), shot);
        var scan = await App($"scan {shot} --credential {credential} --operator op-1", $"{Password}\ny\n");
        Assert.True(scan.Code == 0, scan.Error);
        Assert.Contains(displayCode, scan.Output, StringComparison.Ordinal);

        await page.Locator("#steps li.next button").WaitForAsync();   // the page saw the approval: 第4步 submit is next
        Assert.Contains("提交认证", await page.InnerTextAsync("#steps li.next"), StringComparison.Ordinal);
        await page.ClickAsync("#steps li.next button");
        await Expect(page.Locator("#state"), "AwaitingReview");
        await page.ClickAsync("#approve");
        await Expect(page.Locator("#state"), "Completed");
        await page.ClickAsync("#profile-link");

        await Expect(page.Locator("#organizer"), Organizer);
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('#badge img'); return i.complete && i.naturalWidth > 0; }");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ArtifactPath("platform-profile.png"), FullPage = true });

        // The profile's badge links to the authority's certificate page of that badge (标识证书基本信息).
        var badgeId = await page.InnerTextAsync("#badge-id");
        var certificate = await page.RunAndWaitForPopupAsync(() => page.ClickAsync("#badge img"));
        await certificate.WaitForLoadStateAsync();
        await certificate.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ArtifactPath("platform-certificate.png"), FullPage = true });
        Assert.Equal($"/certificates/{badgeId}", new Uri(certificate.Url).AbsolutePath);
        Assert.Equal(Organizer, await certificate.Locator("#organizer-name").TextContentAsync());
        Assert.Equal(account, await certificate.Locator("#account").TextContentAsync());
        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
    }
}
