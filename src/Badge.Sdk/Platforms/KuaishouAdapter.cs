using Badge.Sdk.Identity;

namespace Badge.Sdk.Platforms;

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
