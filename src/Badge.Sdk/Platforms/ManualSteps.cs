namespace Badge.Sdk.Platforms;

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

