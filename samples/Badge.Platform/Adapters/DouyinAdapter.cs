using Badge.Sdk.Platforms;
using Badge.Sdk.Identity;

namespace Badge.Platform.Adapters;

/// <summary>
/// A platform the SDK does not ship: Douyin (抖音), as an integrator would add it. Its steps are illustrative, in
/// the manual's style; register it with <c>services.AddBadgePlatform&lt;DouyinAdapter&gt;()</c>.
/// </summary>
public sealed class DouyinAdapter : PlatformAdapter
{
    /// <summary>The platform id.</summary>
    public static readonly PlatformId Douyin = PlatformId.Parse("douyin");

    /// <summary>Creates the adapter.</summary>
    public DouyinAdapter()
        : base(Douyin, "抖音")
    {
        Flow(AccountVariant.Unverified, f => f.RequiresOperatorGrant()
            .Step("open", "登录抖音创作者服务中心，点击“账号认证”“机构认证”", "Sign in to the creator centre, Account verification, Organisation")
            .Step("form", "填写统一社会信用代码和单位全称", "Fill in the exact code and the full name", needs: StepNeeds.ExactIdentity)
            .IdentityStep("scan", "网络身份凭证APP扫码授权", "Scan with the credential app and authorize")
            .AttachedAfterReview());
        Flow(AccountVariant.Verified, f => f.RequiresOperatorGrant()
            .Step("modify", "在“机构认证”中点击“修改认证信息”", "Modify the verification details", needs: StepNeeds.ExactIdentity)
            .IdentityStep("scan", "网络身份凭证APP扫码授权", "Scan with the credential app and authorize")
            .Step("annual-fee", "支付年审费用", "Pay the platform's yearly review fee", needs: StepNeeds.Fee)
            .AttachedAfterReview());
    }
}
