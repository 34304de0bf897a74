using Badge.Platform;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Badge.Sdk.BrowserTests;

/// <summary>
/// The platform sample's step page in Chromium for a WeChat official account: each step shows its Chinese title and
/// the manual's instruction text (二、为微信公众号加注网上标识), and the step to do now is shown on its own, with who does it.
/// </summary>
public sealed class PlatformStepPageBrowserTests() : PlatformPageTest("wechat-oa", "badge-steps-")
{

    [Fact]
    public async Task TheWeChatStepPage_ShowsEachStepsTitleAndTheManualsInstruction()
    {
        var account = "oa-" + Guid.NewGuid().ToString("N")[..10];
        await GrantAsync(account);

        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var consoleErrors = new List<string>();
        var page = await StartCertificationAsync(browser, "unverified", account, 1400, consoleErrors);
        await page.Locator("#current-step").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });

        // 第一步 as the manual has it, then the whole list: every step its title and the manual's sentence.
        var firstTitle = await page.InnerTextAsync("#current-step-title");
        var firstInstruction = await page.InnerTextAsync("#current-step-instruction");
        var firstActor = await page.InnerTextAsync("#current-step-actor");
        var titles = await page.Locator("#steps li .step-title").AllInnerTextsAsync();
        var instructions = await page.Locator("#steps li .step-instruction").AllInnerTextsAsync();

        // 第二步 done: the page moves on to 第三步, the form, with its own instruction.
        await page.ClickAsync("#steps li.next button");
        await page.WaitForFunctionAsync("() => document.getElementById('current-step-title').innerText.startsWith('第2步')");
        await page.ClickAsync("#steps li.next button");
        await page.WaitForFunctionAsync("() => document.getElementById('current-step-title').innerText.startsWith('第3步')");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ArtifactPath("platform-step-page.png"), FullPage = true });
        var formTitle = await page.InnerTextAsync("#current-step-title");
        var formInstruction = await page.InnerTextAsync("#current-step-instruction");
        var formInList = await page.InnerTextAsync("#steps li.next .step-instruction");

        Assert.Equal("第1步 依次点击“微信认证”“开通”", firstTitle);
        Assert.Equal("依次点击“微信认证”“开通”。", firstInstruction);
        Assert.Equal("账号管理员", firstActor);
        Assert.Equal(
            [
                "第1步 依次点击“微信认证”“开通”",
                "第2步 选择机构类型，点击“我知道了，开始申请”",
                "第3步 填写信息，确保正确填写统一社会信用代码，主体验证方式选择“在线认证”",
                "第4步 打开网络身份凭证APP扫描二维码，输入证书密码，点击“确认”，在“授权登录”界面点击“登录”",
            ],
            titles);
        Assert.Equal(
            [
                "依次点击“微信认证”“开通”。",
                "选择机构类型，点击“我知道了，开始申请”。",
                "根据页面提示填写相应信息，确保正确填写统一社会信用代码，主体验证方式选择“在线认证”，页面显示二维码。",
                "打开网络身份凭证APP，使用“扫一扫”功能扫描二维码，输入证书密码后点击“确认”进入“授权登录”界面，点击“登录”完成身份验证，等待微信公众平台审核，通过后平台会代为加注网上标识。",
            ],
            instructions);
        Assert.Equal("第3步 填写信息，确保正确填写统一社会信用代码，主体验证方式选择“在线认证”", formTitle);
        Assert.Equal("根据页面提示填写相应信息，确保正确填写统一社会信用代码，主体验证方式选择“在线认证”，页面显示二维码。", formInstruction);
        Assert.Equal(formInstruction, formInList);
        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
    }
}
