using Badge.CredentialApp;
using Badge.Platform;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Badge.Sdk.BrowserTests;

/// <summary>
/// The verified WeChat official account's flow on the platform sample's page in Chromium, to its contact step as the
/// manual has it (第五步): the operator fills in 认证联系人信息, the page shows a QR code, the contact scans it with
/// their own phone (a second browser page opens what the QR holds) and confirms, and the operator clicks 下一步.
/// </summary>
public sealed class PlatformContactBrowserTests() : PlatformPageTest("wechat-oa", "badge-contact-")
{
    [Fact]
    public async Task TheContactStep_ShowsAQrCodeTheContactScans_ThenTheOperatorClicksNext()
    {
        var account = "gh_" + Guid.NewGuid().ToString("N")[..10];
        await GrantAsync(account);
        var credential = await EnrollAsync();

        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var consoleErrors = new List<string>();
        var page = await StartCertificationAsync(browser, "verified", account, 1800, consoleErrors);
        await Expect(page.Locator("#state"), "InProgress");
        Assert.Equal(7, await page.Locator("#steps li").CountAsync());

        await CompleteNextStepAsync(page);   // 第1步 reopen
        await CompleteNextStepAsync(page);   // 第2步 organisation-type
        await CompleteNextStepAsync(page);   // 第3步 form
        await page.Locator("#identity").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        await page.WaitForFunctionAsync("() => { const i = document.getElementById('qr'); return i.complete && i.naturalWidth > 0; }");
        var shot = Chromium.ArtifactPath("platform-contact-identity-qr.png");
        await ReadQrAsync(page.Locator("#qr"), shot);
        var scan = await App($"scan {shot} --credential {credential} --operator op-1", $"{Password}\ny\n");
        Assert.True(scan.Code == 0, scan.Error);

        // 第5步: no "Done" button; the operator fills in the contact and the page shows the contact's QR code.
        await page.Locator("#contact").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        Assert.Contains("认证联系人信息", await page.InnerTextAsync("#steps li.next"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#steps li.next button").CountAsync());
        await page.FillAsync("#contact-form input[name=name]", "李明");
        await page.FillAsync("#contact-form input[name=phone]", "13800138000");
        await page.ClickAsync("#contact-form button[type=submit]");
        await page.WaitForFunctionAsync("() => { const i = document.getElementById('contact-qr'); return i.complete && i.naturalWidth > 0; }");
        Assert.True(await page.Locator("#contact-next").IsDisabledAsync(), "下一步 waits for the contact's scan");
        var url = await ReadQrAsync(page.Locator("#contact-qr"), Chromium.ArtifactPath("platform-contact-qr.png"));
        Assert.Equal(await page.InnerTextAsync("#contact-url"), url);

        // The contact's own phone opens what the QR holds and confirms.
        var phone = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        await phone.GotoAsync(url);
        Assert.Equal("李明", await phone.InnerTextAsync("#contact-name"));
        await phone.ClickAsync("#contact-confirm");
        await phone.Locator("#contact-done").WaitForAsync();
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ArtifactPath("platform-contact-phone.png") });

        await page.WaitForFunctionAsync("() => !document.getElementById('contact-next').disabled");
        await page.ClickAsync("#contact-next");
        await page.WaitForFunctionAsync("() => document.querySelector('#steps li.next')?.innerText.includes('认证昵称')");
        Assert.True(await page.Locator("#contact").IsHiddenAsync());
        await CompleteNextStepAsync(page);   // 第6步 nickname
        await CompleteNextStepAsync(page);   // 第7步 invoice and fee
        await Expect(page.Locator("#state"), "AwaitingReview");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ArtifactPath("platform-contact-done.png"), FullPage = true });
        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
    }
}
