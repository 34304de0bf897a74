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

    // The identity step in the manual's words, as on the built-in platforms.
    private const string Scan = "打开网络身份凭证APP，使用“扫一扫”功能扫描二维码，输入证书密码后点击“确认”进入“授权登录”界面，点击“登录”完成身份验证。";

    /// <summary>Creates the adapter.</summary>
    public DouyinAdapter()
        : base(Douyin, "抖音")
    {
        Flow(AccountVariant.Unverified, f => f.RequiresOperatorGrant()
            .Step("open", "登录抖音创作者服务中心，点击“账号认证”“机构认证”", "Sign in to the creator centre, Account verification, Organisation")
            .Instruction("网页端登录抖音创作者服务中心，依次点击“账号认证”“机构认证”。")
            .Step("form", "填写统一社会信用代码和单位全称", "Fill in the exact code and the full name", needs: StepNeeds.ExactIdentity)
            .Instruction("按页面提示填写统一社会信用代码和单位全称，确保与网络身份凭证一致。")
            .IdentityStep("scan", "网络身份凭证APP扫码授权", "Scan with the credential app and authorize")
            .Instruction(Scan)
            .AttachedAfterReview());
        Flow(AccountVariant.Verified, f => f.RequiresOperatorGrant()
            .Step("modify", "在“机构认证”中点击“修改认证信息”", "Modify the verification details", needs: StepNeeds.ExactIdentity)
            .Instruction("在“机构认证”中点击“修改认证信息”，填写统一社会信用代码和单位全称。")
            .IdentityStep("scan", "网络身份凭证APP扫码授权", "Scan with the credential app and authorize")
            .Instruction(Scan)
            .Step("annual-fee", "支付年审费用", "Pay the platform's yearly review fee", needs: StepNeeds.Fee)
            .Instruction("按页面提示支付平台的年审费用（平台行为，与机构编制服务事项无关）。")
            .AttachedAfterReview());
    }
}
