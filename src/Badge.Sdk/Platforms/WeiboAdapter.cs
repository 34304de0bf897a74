using Badge.Sdk.Identity;

namespace Badge.Sdk.Platforms;

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
