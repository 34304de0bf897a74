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

/// <summary>Weibo (微博): unverified on the web 4 steps, on the phone 3 (the deep link), verified 4.</summary>
public sealed class WeiboAdapter : PlatformAdapter
{
    /// <summary>Creates the adapter.</summary>
    public WeiboAdapter()
        : base(PlatformId.Weibo, "微博")
    {
        Flow(AccountVariant.Unverified, f => f.RequiresOperatorGrant()
            .Step("government-verification", "登录微博，依次点击“设置”“V认证”，在页面底部点击“政府认证”", "Sign in, open Settings, V verification, then Government verification at the page bottom", actions: ["设置", "V认证", "政府认证"])
            .Instruction("网页端登录微博账号，依次点击“设置”图标、“V认证”，在页面底部找到“政府认证”，点击进入认证信息填写页面。")
            .Step("form", "填写信息，“网络身份验证”选择“网络身份凭证APP授权验证”（先填写统一社会信用代码和单位全称，二维码才显示）", "Fill in the form; choose credential-app authorization (the QR shows only after the code and the full name are filled in)", needs: StepNeeds.ExactIdentity, actions: ["填写相应信息", "网络身份验证", "网络身份凭证APP授权验证"])
            .Instruction("按照页面提示填写相应信息，其中“网络身份验证”选择“网络身份凭证APP授权验证”，页面显示认证二维码（请先填写统一社会信用代码、政府/单位全称，填写后才能正常显示二维码）。")
            .CredentialAppScan("。")
            .Step("submit", "点击“提交认证”", "Submit the verification", actions: ["提交认证"])
            .Instruction("在认证信息填写页面点击“提交认证”，等待微博平台审核，通过后平台会代为加注网上标识。")
            .AttachedAfterReview());
        Flow(AccountVariant.UnverifiedOnPhone, f => f.RequiresOperatorGrant()
            .Prerequisite(new FlowPrerequisite("apps-installed", PrerequisiteKind.OperatorConfirms, "在手机上同时安装微博APP和网络身份凭证APP", "Both the Weibo app and the credential app are installed on the phone"))
            .Step("settings", "打开微博APP，点击“我”，右上角“设置”", "Open the Weibo app, Me, Settings at the top right", actions: ["我", "设置"])
            .Instruction("手机端打开微博APP，点击“我”，在右上角找到“设置”图标，点击进入设置界面。")
            .Step("apply", "依次点击“客服中心”“申请加V”“政府认证”", "Customer service centre, Apply for V, Government verification", actions: ["客服中心", "申请加V", "政府认证"]).Instruction("依次点击“客服中心”“申请加V”“政府认证”。")
            .IdentityStep("form-authorize", "填写资料（统一社会信用代码和单位名称正确），下一步，“去网络身份凭证APP授权验证”：微博APP自动启动网络身份凭证APP", "Fill in the form (code and name exact), next, authorize: the Weibo app opens the credential app", StepNeeds.ExactIdentity, "填写相应资料", "下一步", "网络身份凭证APP授权验证", "去网络身份凭证APP授权验证")
            .Instruction("按页面提示填写相应资料，确保统一社会信用代码和单位名称填写正确，填写完毕后点击“下一步”，选择“网络身份凭证APP授权验证”，点击“去网络身份凭证APP授权验证”，此时微博APP会自动启动网络身份凭证APP，按提示操作即可。完成身份认证后等待微博平台审核，通过后平台会代为加注网上标识。")
            .AttachedAfterReview());
        Flow(AccountVariant.Verified, f => f.RequiresOperatorGrant()
            .Step("my-verification", "依次点击“设置”“V认证”“政府认证”“申请个人、机构认证”，进入“我的认证”", "Settings, V verification, Government verification, Apply, My verification", actions: ["设置", "V认证", "政府认证", "申请个人、机构认证", "我的认证"])
            .Instruction("网页端登录微博账号，依次点击“设置”图标、“V认证”，在页面底部选择“政府认证”，再点击“申请个人、机构认证”，进入“我的认证”页面。")
            .Step("modify", "点击“认证信息”的“修改”，填写信息，选择“网络身份凭证APP授权验证”", "Modify the verification details; choose credential-app authorization; the QR shows", needs: StepNeeds.ExactIdentity, actions: ["认证信息", "修改", "填写相应信息", "网络身份凭证APP授权验证"])
            .Instruction("在“我的认证”中，点击“认证信息”的“修改”进入“认证信息修改”页面填写相应信息，选择“网络身份凭证APP授权验证”，页面显示认证二维码。")
            .CredentialAppScan("。")
            .Step("confirm", "在“认证信息修改”页面点击“确定”", "Confirm the modified details", actions: ["确定"])
            .Instruction("在“认证信息修改”页面点击“确定”，等待微博平台审核，通过后平台会代为加注网上标识。")
            .AttachedAfterReview());
    }
}

/// <summary>Kuaishou (快手): unverified 3 steps (step one is the grant); verified: none for the operator (the census route).</summary>
public sealed class KuaishouAdapter : PlatformAdapter
{
    /// <summary>Creates the adapter.</summary>
    public KuaishouAdapter()
        : base(PlatformId.Kuaishou, "快手")
    {
        Flow(AccountVariant.Unverified, f => f
            .Step("grant", "第一管理责任人或者管理人为快手账号管理员授权使用网络身份凭证", "An administrator grants the account operator use of the credential", StepActor.Administrator, StepNeeds.OperatorGrant, "授权使用网络身份凭证")
            .Instruction("机关事业单位网络身份凭证第一管理责任人或者管理人提前为快手账号管理员授权使用网络身份凭证。")
            .Step("account-verification", "登录快手，依次点击头像、“创作者中心”，在“创作者服务平台”点击头像、“账号认证”", "Sign in, avatar, Creator centre, then in the creator platform avatar, Account verification", actions: ["头像", "创作者中心", "创作者服务平台", "头像", "账号认证"])
            .Instruction("网页端登录快手账号，依次点击头像、“创作者中心”进入“创作者服务平台”，在“创作者服务平台”依次点击头像、“账号认证”。")
            .CredentialAppScan("。等待快手平台审核，通过后平台会代为加注网上标识。")
            .AttachedAfterReview());
        Flow(AccountVariant.Verified, f => f.RequiresCensusRecord().AttachedFromCensus());
    }
}

// Steps the manual words the same way on several platforms.
internal static class ManualSteps
{
    // 第N步，打开网络身份凭证APP，使用“扫一扫”功能扫描二维码，输入证书密码后点击“确认”进入“授权登录”界面，点击“登录”完成身份验证。
    // The app's order is the manual's: the certificate password, 确认, then the 授权登录 screen, where 登录 signs.
    // `after` is what the manual adds to the step on each platform (the wait for the review, or nothing).
    public static CertificationFlowBuilder CredentialAppScan(this CertificationFlowBuilder flow, string after) => flow
        .IdentityStep("scan", "打开网络身份凭证APP扫描二维码，输入证书密码，点击“确认”，在“授权登录”界面点击“登录”", "Scan with the credential app, type the certificate password, confirm, then log in on the authorize-login screen", actions: ["扫一扫", "输入证书密码", "确认", "授权登录", "登录"])
        .Instruction("打开网络身份凭证APP，使用“扫一扫”功能扫描二维码，输入证书密码后点击“确认”进入“授权登录”界面，点击“登录”完成身份验证" + after);

    public static CertificationFlowBuilder WeChatOrganisationType(this CertificationFlowBuilder flow, bool agreement) => agreement
        ? flow.Step("organisation-type", "选择机构类型，开始申请，同意协议", "Choose the organisation type, start, accept the agreement", needs: StepNeeds.Agreement, actions: ["选择机构类型", "我知道了，开始申请", "同意协议"])
            .Instruction("选择机构类型，点击“我知道了，开始申请”，同意协议后进入信息填写页面。")
        : flow.Step("organisation-type", "选择机构类型，点击“我知道了，开始申请”", "Choose the organisation type and start the application", actions: ["选择机构类型", "我知道了，开始申请"])
            .Instruction("选择机构类型，点击“我知道了，开始申请”。");

    public static CertificationFlowBuilder WeChatOnlineVerificationForm(this CertificationFlowBuilder flow) =>
        flow.Step("form", "填写信息，确保正确填写统一社会信用代码，主体验证方式选择“在线认证”", "Fill in the form with the correct code; choose online verification; the QR code shows", needs: StepNeeds.CorrectCode, actions: ["填写相应信息", "统一社会信用代码", "主体验证方式选择“在线认证”"])
            .Instruction("根据页面提示填写相应信息，确保正确填写统一社会信用代码，主体验证方式选择“在线认证”，页面显示二维码。");

    // The verified WeChat flows' steps after the identity check: the contact, the nickname, invoice and fee. The
    // operator fills in the contact and clicks 下一步; the contact's part is only the scan of the QR code the page shows
    // at its bottom, with their own WeChat, which the step's completion carries (StepNeeds.ContactScan).
    public static CertificationFlowBuilder WeChatContactNicknameAndFee(this CertificationFlowBuilder flow) => flow
        .Step("contact", "填写“认证联系人信息”，联系人使用本人微信“扫一扫”扫描页面最下方二维码，点击“下一步”", "Fill in the certification contact; the contact scans the QR code at the page bottom with their own WeChat; click Next", StepActor.Operator, StepNeeds.ContactScan, "认证联系人信息", "扫一扫", "下一步")
        .Instruction("身份验证成功后，填写“认证联系人信息”。联系人使用本人微信“扫一扫”，扫描页面最下方二维码，对联系人进行验证，点击“下一步”。")
        .Step("nickname", "填写认证昵称及命名方式", "Choose the certified nickname and naming", needs: StepNeeds.Nickname, actions: ["认证昵称", "命名方式"])
        .Instruction("根据自身实际情况填写认证昵称及命名方式。")
        .Step("invoice-fee", "填写发票，并支付费用", "Give invoice details and pay the platform's fee", needs: StepNeeds.Invoice | StepNeeds.Fee, actions: ["填写发票", "支付费用"])
        .Instruction("按页面提示填写发票，并支付费用，等待微信公众平台审核，通过后平台会代为加注网上标识。");
}
