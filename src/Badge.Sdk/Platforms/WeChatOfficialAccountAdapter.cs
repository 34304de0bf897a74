using Badge.Sdk.Identity;

namespace Badge.Sdk.Platforms;

// The manual's flows (shared/seed, sections 二 to 五), one numbered step (第N步) per Step call, in its order.
// The identity step is the scan: 扫一扫 → 输入证书密码 → 确认 → 授权登录 → 登录.

/// <summary>WeChat official accounts (微信公众号): unverified 4 steps, verified 7 (with contact, nickname, invoice and fee).</summary>
public sealed class WeChatOfficialAccountAdapter : PlatformAdapter
{
    /// <summary>Creates the adapter.</summary>
    public WeChatOfficialAccountAdapter()
        : base(PlatformId.WeChatOfficialAccount, "微信公众号")
    {
        Flow(AccountVariant.Unverified, f => f.RequiresOperatorGrant()
            .Step("open", "依次点击“微信认证”“开通”", "Click WeChat verification, then Open", actions: ["微信认证", "开通"]).Instruction("依次点击“微信认证”“开通”。")
            .WeChatOrganisationType(agreement: false)
            .WeChatOnlineVerificationForm()
            .CredentialAppScan("，等待微信公众平台审核，通过后平台会代为加注网上标识。")
            .AttachedAfterReview());
        Flow(AccountVariant.Verified, f => f.RequiresOperatorGrant()
            .Step("reopen", "依次点击“微信认证”“重新开通”", "Click WeChat verification, then Open again", actions: ["微信认证", "重新开通"]).Instruction("依次点击“微信认证”“重新开通”。")
            .WeChatOrganisationType(agreement: false)
            .WeChatOnlineVerificationForm()
            .CredentialAppScan("。")
            .WeChatContactNicknameAndFee()
            .AttachedAfterReview());
    }
}
