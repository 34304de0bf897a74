using Badge.Sdk.Platforms;
using static Badge.Sdk.Platforms.StepActor;
using static Badge.Sdk.Platforms.StepNeeds;

namespace Badge.Sdk.Tests.Platforms;

/// <summary>A prerequisite as the manual words it (<see cref="Manual"/>, verbatim) and as the flow carries it.</summary>
/// <param name="Id">The flow's id for it.</param>
/// <param name="Kind">How it is checked.</param>
/// <param name="TitleZh">The flow's Chinese title.</param>
/// <param name="Manual">The manual's sentence, verbatim.</param>
/// <param name="BeyondManual">Where the project goes beyond the manual, what it adds; null where it does not.</param>
internal sealed record ManualPrerequisite(string Id, PrerequisiteKind Kind, string TitleZh, string Manual, string? BeyondManual = null);

/// <summary>One numbered step (第N步) as the manual words it and as the flow carries it.</summary>
/// <param name="Id">The flow's id for it.</param>
/// <param name="TitleZh">The flow's Chinese title.</param>
/// <param name="Actor">Who completes it.</param>
/// <param name="Needs">What its completion must carry (the requirements).</param>
/// <param name="Identity">Whether it is the identity check, and how.</param>
/// <param name="Actions">What is clicked or filled, in order, each in the manual's words (quoted from <see cref="Manual"/>).</param>
/// <param name="Manual">
/// The manual's sentence for the step, verbatim, from its 第N步; without the "第N步，" lead it is the step's instruction
/// text (<see cref="CertificationStep.InstructionZh"/>).
/// </param>
/// <param name="BeyondManual">Where the project goes beyond the manual, what it adds; null where it does not.</param>
internal sealed record ManualStep(
    string Id, string TitleZh, StepActor Actor, StepNeeds Needs, IdentityCheckKind Identity, string[] Actions, string Manual, string? BeyondManual = null);

/// <summary>One flow of the manual: a platform, an account variant, its section of the manual.</summary>
internal sealed record ManualFlow(string Platform, string Variant, string Section, ManualPrerequisite[] Prerequisites, ManualStep[] Steps, BadgeAttachment Attachment);

/// <summary>
/// The manual (shared/seed: 网上标识领取和加注操作指引, sections 二 to 五) transcribed: every flow's prerequisites and
/// numbered steps, with the manual's Chinese wording of what is clicked or filled, who acts and what each step needs.
/// The built-in adapters must equal it (<see cref="ManualFlowTableTests"/>). The column <c>BeyondManual</c> says where
/// the project adds to the manual.
/// </summary>
internal static class ManualFlowTable
{
    private const string Scan = "打开网络身份凭证APP，使用“扫一扫”功能扫描二维码，输入证书密码后点击“确认”进入“授权登录”界面，点击“登录”完成身份验证";
    private const string ScanTitle = "打开网络身份凭证APP扫描二维码，输入证书密码，点击“确认”，在“授权登录”界面点击“登录”";
    private static readonly string[] ScanActions = ["扫一扫", "输入证书密码", "确认", "授权登录", "登录"];
    private const string GrantChecked = "The grant is checked at the authority before step one; the certification is blocked until it holds.";
    private const string GrantTitle = "第一管理责任人或者管理人提前为账号管理员授权使用网络身份凭证";

    private const string WeChatForm = "第三步，根据页面提示填写相应信息，确保正确填写统一社会信用代码，主体验证方式选择“在线认证”，页面显示二维码。";
    private const string WeChatFormTitle = "填写信息，确保正确填写统一社会信用代码，主体验证方式选择“在线认证”";
    private static readonly string[] WeChatFormActions = ["填写相应信息", "统一社会信用代码", "主体验证方式选择“在线认证”"];
    private const string CodeChecked = "The code typed is compared with the institution's (the name typed is recorded, not compared).";

    private static ManualPrerequisite Grant(string manual) =>
        new("operator-grant", PrerequisiteKind.OperatorGrant, GrantTitle, manual, GrantChecked);

    private static ManualStep WeChatScan(string number, string after) =>
        new("scan", ScanTitle, Operator, IdentityCheck, IdentityCheckKind.QrChallenge, ScanActions, number + Scan + after,
            "The scan answers a signed QR challenge bound to the account and the institution, verified by the platform.");

    private static ManualStep WeChatFormStep(string number) =>
        new("form", WeChatFormTitle, Operator, CorrectCode, IdentityCheckKind.None, WeChatFormActions, WeChatForm.Replace("第三步", number, StringComparison.Ordinal), CodeChecked);

    private static ManualStep[] WeChatVerifiedTail(string contact, string nickname, string invoice) =>
    [
        new("contact", "填写“认证联系人信息”，联系人使用本人微信“扫一扫”扫描页面最下方二维码，点击“下一步”", Operator, ContactScan, IdentityCheckKind.None,
            ["认证联系人信息", "扫一扫", "下一步"], contact + "身份验证成功后，填写“认证联系人信息”。联系人使用本人微信“扫一扫”，扫描页面最下方二维码，对联系人进行验证，点击“下一步”。"),
        new("nickname", "填写认证昵称及命名方式", Operator, Nickname, IdentityCheckKind.None, ["认证昵称", "命名方式"], nickname + "根据自身实际情况填写认证昵称及命名方式。"),
        new("invoice-fee", "填写发票，并支付费用", Operator, Invoice | Fee, IdentityCheckKind.None, ["填写发票", "支付费用"],
            invoice + "按页面提示填写发票，并支付费用，等待微信公众平台审核，通过后平台会代为加注网上标识。"),
    ];

    public static IReadOnlyList<ManualFlow> Flows { get; } =
    [
        new("wechat-oa", "unverified", "二、为微信公众号加注网上标识 / 一是未加V认证的公众号",
            [Grant("需要机关事业单位网络身份凭证第一管理责任人或者管理人提前为公众号管理员授权使用网络身份凭证。")],
            [
                new("open", "依次点击“微信认证”“开通”", Operator, None, IdentityCheckKind.None, ["微信认证", "开通"], "第一步，依次点击“微信认证”“开通”。"),
                new("organisation-type", "选择机构类型，点击“我知道了，开始申请”", Operator, None, IdentityCheckKind.None, ["选择机构类型", "我知道了，开始申请"], "第二步，选择机构类型，点击“我知道了，开始申请”。"),
                WeChatFormStep("第三步"),
                WeChatScan("第四步，", "，等待微信公众平台审核，通过后平台会代为加注网上标识。"),
            ],
            BadgeAttachment.PlatformAfterReview),
        new("wechat-oa", "verified", "二、为微信公众号加注网上标识 / 二是已加V认证的公众号",
            [Grant("需要机关事业单位网络身份凭证第一管理责任人或者管理人提前为公众号管理员授权使用网络身份凭证。")],
            [
                new("reopen", "依次点击“微信认证”“重新开通”", Operator, None, IdentityCheckKind.None, ["微信认证", "重新开通"], "第一步，依次点击“微信认证”“重新开通”。"),
                new("organisation-type", "选择机构类型，点击“我知道了，开始申请”", Operator, None, IdentityCheckKind.None, ["选择机构类型", "我知道了，开始申请"], "第二步，选择机构类型，点击“我知道了，开始申请”。"),
                WeChatFormStep("第三步"),
                WeChatScan("第四步，", "。"),
                .. WeChatVerifiedTail("第五步，", "第六步，", "第七步，"),
            ],
            BadgeAttachment.PlatformAfterReview),
        new("wechat-mp", "unverified", "三、为微信小程序加注网上标识 / 一是未加V认证的小程序",
            [
                Grant("需要机关事业单位网络身份凭证第一管理责任人或者管理人提前为小程序管理员授权使用网络身份凭证。"),
                new("mini-program-console", PrerequisiteKind.OperatorConfirms, "确认左上角显示“小程序”（如显示“公众号”，在左下角切换）",
                    "登录后先确认左上角显示“小程序”，如果显示的是“公众号”，可以在左下角切换。", "The operator confirms it before the certification starts."),
            ],
            [
                new("open", "依次点击“微信认证”“去认证”", Operator, None, IdentityCheckKind.None, ["微信认证", "去认证"], "第一步，依次点击“微信认证”“去认证”。"),
                new("organisation-type", "选择机构类型，开始申请，同意协议", Operator, Agreement, IdentityCheckKind.None, ["选择机构类型", "我知道了，开始申请", "同意协议"],
                    "第二步，选择机构类型，点击“我知道了，开始申请”，同意协议后进入信息填写页面。"),
                WeChatFormStep("第三步"),
                WeChatScan("第四步，", "，等待微信公众平台审核即可，通过后平台会代为加注网上标识。"),
            ],
            BadgeAttachment.PlatformAfterReview),
        new("wechat-mp", "verified", "三、为微信小程序加注网上标识 / 二是已加V认证小程序",
            [Grant("需要机关事业单位网络身份凭证第一管理责任人或者管理人提前为小程序管理员授权使用网络身份凭证。")],
            [
                new("account-settings", "点击左下角小程序名称，再点击“账号设置”", Operator, None, IdentityCheckKind.None, ["小程序名称", "账号设置"], "第一步，点击左下角小程序名称，再点击“账号设置”。"),
                new("reverify", "在“基本设置”页面点击“重新认证”", Operator, None, IdentityCheckKind.None, ["基本设置", "重新认证", "重新认证"],
                    "第二步，在“基本设置”页面点击“重新认证”进入微信认证页面，点击“重新认证”。"),
                new("organisation-type", "选择机构类型，开始申请，同意协议", Operator, Agreement, IdentityCheckKind.None, ["选择机构类型", "我知道了，开始申请", "同意协议"],
                    "第三步，选择机构类型，点击“我知道了，开始申请”，同意协议后进入信息填写页面。"),
                WeChatFormStep("第四步"),
                WeChatScan("第五步，", "。"),
                .. WeChatVerifiedTail("第六步，", "第七步，", "第八步，"),
            ],
            BadgeAttachment.PlatformAfterReview),
        new("weibo", "unverified", "四、为微博号加注网上标识 / 一是未加V认证的微博号，网页端",
            [Grant("需要机关事业单位网络身份凭证第一管理责任人或者管理人提前为微博号管理员授权使用网络身份凭证。")],
            [
                new("government-verification", "登录微博，依次点击“设置”“V认证”，在页面底部点击“政府认证”", Operator, None, IdentityCheckKind.None, ["设置", "V认证", "政府认证"],
                    "第一步，网页端登录微博账号，依次点击“设置”图标、“V认证”，在页面底部找到“政府认证”，点击进入认证信息填写页面。"),
                new("form", "填写信息，“网络身份验证”选择“网络身份凭证APP授权验证”（先填写统一社会信用代码和单位全称，二维码才显示）", Operator, ExactIdentity, IdentityCheckKind.None,
                    ["填写相应信息", "网络身份验证", "网络身份凭证APP授权验证"],
                    "第二步，按照页面提示填写相应信息，其中“网络身份验证”选择“网络身份凭证APP授权验证”，页面显示认证二维码（请先填写统一社会信用代码、政府/单位全称，填写后才能正常显示二维码）。",
                    "The code and the full name typed are compared with the institution's (the manual only needs them filled in for the QR code to show)."),
                new("scan", ScanTitle, Operator, IdentityCheck, IdentityCheckKind.QrChallenge, ScanActions, "第三步，" + Scan + "。",
                    "The scan answers a signed QR challenge bound to the account and the institution, verified by the platform."),
                new("submit", "点击“提交认证”", Operator, None, IdentityCheckKind.None, ["提交认证"], "第四步，在认证信息填写页面点击“提交认证”，等待微博平台审核，通过后平台会代为加注网上标识。"),
            ],
            BadgeAttachment.PlatformAfterReview),
        new("weibo", "unverified/phone", "四、为微博号加注网上标识 / 一是未加V认证的微博号，手机端",
            [
                Grant("需要机关事业单位网络身份凭证第一管理责任人或者管理人提前为微博号管理员授权使用网络身份凭证。"),
                new("apps-installed", PrerequisiteKind.OperatorConfirms, "在手机上同时安装微博APP和网络身份凭证APP",
                    "通过手机端加注网上标识还需要在手机上同时安装微博APP和网络身份凭证APP", "The operator confirms it before the certification starts."),
            ],
            [
                new("settings", "打开微博APP，点击“我”，右上角“设置”", Operator, None, IdentityCheckKind.None, ["我", "设置"], "第一步，手机端打开微博APP，点击“我”，在右上角找到“设置”图标，点击进入设置界面。"),
                new("apply", "依次点击“客服中心”“申请加V”“政府认证”", Operator, None, IdentityCheckKind.None, ["客服中心", "申请加V", "政府认证"], "第二步，依次点击“客服中心”“申请加V”“政府认证”。"),
                new("form-authorize", "填写资料（统一社会信用代码和单位名称正确），下一步，“去网络身份凭证APP授权验证”：微博APP自动启动网络身份凭证APP", Operator, ExactIdentity | IdentityCheck,
                    IdentityCheckKind.DeepLink, ["填写相应资料", "下一步", "网络身份凭证APP授权验证", "去网络身份凭证APP授权验证"],
                    "第三步，按页面提示填写相应资料，确保统一社会信用代码和单位名称填写正确，填写完毕后点击“下一步”，选择“网络身份凭证APP授权验证”，点击“去网络身份凭证APP授权验证”，此时微博APP会自动启动网络身份凭证APP，按提示操作即可。完成身份认证后等待微博平台审核，通过后平台会代为加注网上标识。",
                    "The deep link carries the same signed challenge as the QR code; the code and the name typed are compared with the institution's."),
            ],
            BadgeAttachment.PlatformAfterReview),
        new("weibo", "verified", "四、为微博号加注网上标识 / 二是已加V认证的微博号",
            [Grant("需要机关事业单位网络身份凭证第一管理责任人或者管理人提前为微博号管理员授权使用网络身份凭证。")],
            [
                new("my-verification", "依次点击“设置”“V认证”“政府认证”“申请个人、机构认证”，进入“我的认证”", Operator, None, IdentityCheckKind.None,
                    ["设置", "V认证", "政府认证", "申请个人、机构认证", "我的认证"],
                    "第一步，网页端登录微博账号，依次点击“设置”图标、“V认证”，在页面底部选择“政府认证”，再点击“申请个人、机构认证”，进入“我的认证”页面。"),
                new("modify", "点击“认证信息”的“修改”，填写信息，选择“网络身份凭证APP授权验证”", Operator, ExactIdentity, IdentityCheckKind.None,
                    ["认证信息", "修改", "填写相应信息", "网络身份凭证APP授权验证"],
                    "第二步，在“我的认证”中，点击“认证信息”的“修改”进入“认证信息修改”页面填写相应信息，选择“网络身份凭证APP授权验证”，页面显示认证二维码。",
                    "The code and the name typed are compared with the institution's (the manual says only to fill in the details)."),
                new("scan", ScanTitle, Operator, IdentityCheck, IdentityCheckKind.QrChallenge, ScanActions, "第三步，" + Scan + "。",
                    "The scan answers a signed QR challenge bound to the account and the institution, verified by the platform."),
                new("confirm", "在“认证信息修改”页面点击“确定”", Operator, None, IdentityCheckKind.None, ["确定"], "第四步，在“认证信息修改”页面点击“确定”，等待微博平台审核，通过后平台会代为加注网上标识。"),
            ],
            BadgeAttachment.PlatformAfterReview),
        new("kuaishou", "unverified", "五、为快手号加注网上标识 / 二是未加V认证的快手号",
            [],
            [
                new("grant", "第一管理责任人或者管理人为快手账号管理员授权使用网络身份凭证", Administrator, OperatorGrant, IdentityCheckKind.None, ["授权使用网络身份凭证"],
                    "第一步，机关事业单位网络身份凭证第一管理责任人或者管理人提前为快手账号管理员授权使用网络身份凭证。",
                    "The step completes only once the authority records the grant."),
                new("account-verification", "登录快手，依次点击头像、“创作者中心”，在“创作者服务平台”点击头像、“账号认证”", Operator, None, IdentityCheckKind.None,
                    ["头像", "创作者中心", "创作者服务平台", "头像", "账号认证"],
                    "第二步，网页端登录快手账号，依次点击头像、“创作者中心”进入“创作者服务平台”，在“创作者服务平台”依次点击头像、“账号认证”。"),
                new("scan", ScanTitle, Operator, IdentityCheck, IdentityCheckKind.QrChallenge, ScanActions, "第三步，" + Scan + "。等待快手平台审核，通过后平台会代为加注网上标识。",
                    "The scan answers a signed QR challenge bound to the account and the institution, verified by the platform."),
            ],
            BadgeAttachment.PlatformAfterReview),
        new("kuaishou", "verified", "五、为快手号加注网上标识 / 一是已加V认证的快手号",
            [
                new("census-record", PrerequisiteKind.CensusRecord, "在试用系统中准确填报互联网政务应用普查信息",
                    "需要机关事业单位在试用系统中准确填报互联网政务应用普查信息，由中央编办域名服务中心根据普查信息统一协调互联网平台代为加注网上标识。",
                    "The census record is read from the authority; the platform attaches the badge with no step by the operator."),
            ],
            [],
            BadgeAttachment.FromCensusRecord),
    ];
}
