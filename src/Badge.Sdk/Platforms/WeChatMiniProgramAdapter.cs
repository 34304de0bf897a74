using Badge.Sdk.Identity;

namespace Badge.Sdk.Platforms;

/// <summary>WeChat mini programs (微信小程序): unverified 4 steps, verified 8.</summary>
public sealed class WeChatMiniProgramAdapter : PlatformAdapter
{
    /// <summary>Creates the adapter.</summary>
    public WeChatMiniProgramAdapter()
        : base(PlatformId.WeChatMiniProgram, "微信小程序")
    {
        // The manual asks for this check before the unverified flow only (一是未加V认证的小程序).
        var console = new FlowPrerequisite("mini-program-console", PrerequisiteKind.OperatorConfirms, "确认左上角显示“小程序”（如显示“公众号”，在左下角切换）", "The top left says mini program, not official account (switch at the bottom left)");
        Flow(AccountVariant.Unverified, f => f.RequiresOperatorGrant().Prerequisite(console)
            .Step("open", "依次点击“微信认证”“去认证”", "Click WeChat verification, then Verify", actions: ["微信认证", "去认证"]).Instruction("依次点击“微信认证”“去认证”。")
            .WeChatOrganisationType(agreement: true)
            .WeChatOnlineVerificationForm()
            .CredentialAppScan("，等待微信公众平台审核即可，通过后平台会代为加注网上标识。")
            .AttachedAfterReview());
        Flow(AccountVariant.Verified, f => f.RequiresOperatorGrant()
            .Step("account-settings", "点击左下角小程序名称，再点击“账号设置”", "Click the mini program's name at the bottom left, then Account settings", actions: ["小程序名称", "账号设置"]).Instruction("点击左下角小程序名称，再点击“账号设置”。")
            .Step("reverify", "在“基本设置”页面点击“重新认证”", "In Basic settings click Verify again", actions: ["基本设置", "重新认证", "重新认证"]).Instruction("在“基本设置”页面点击“重新认证”进入微信认证页面，点击“重新认证”。")
            .WeChatOrganisationType(agreement: true)
            .WeChatOnlineVerificationForm()
            .CredentialAppScan("。")
            .WeChatContactNicknameAndFee()
            .AttachedAfterReview());
    }
}
