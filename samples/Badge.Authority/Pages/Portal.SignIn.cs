using System.Security.Claims;
using System.Text;
using Badge.Authority.Domains;
using Badge.Authority.Security;
using Badge.Authority.Storage;
using Badge.Sdk.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using static Badge.Authority.Pages.PortalHtml;

namespace Badge.Authority.Pages;

// Signing in with the institution's key, and out.
internal static partial class Portal
{
    private static IResult SignInPage(HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
        SignInView(context, antiforgery, uscc: null, returnUrl, failed: false);

    private static IResult SignInView(HttpContext context, IAntiforgery antiforgery, string? uscc, string? returnUrl, bool failed)
    {
        var token = antiforgery.GetAndStoreTokens(context).RequestToken!;
        var body = new StringBuilder();
        if (failed)
        {
            // One message for every failure: which part was wrong is not told.
            body.Append(Alert("sign-in-error", "登录失败：统一社会信用代码或登录密钥不正确。"));
        }

        body.Append("<form method=\"post\" action=\"/portal/login\" class=\"card\" id=\"sign-in\">").Append(Antiforgery(token))
            .Append("<input type=\"hidden\" name=\"returnUrl\" value=\"").Append(E(LocalReturn(returnUrl))).Append("\">")
            .Append(Field("uscc", "统一社会信用代码", uscc, null, maxLength: 18))
            .Append("<div class=\"field\"><label for=\"key\">登录密钥</label><input type=\"password\" id=\"key\" name=\"key\" autocomplete=\"current-password\" maxlength=\"200\">")
            .Append("<span class=\"hint\">单位的登录密钥（本地模拟器启动时列出各演示单位的密钥）。</span></div>")
            .Append("<button type=\"submit\" id=\"sign-in-submit\">登录</button></form>\n");
        return Page("登录试用系统", null, string.Empty, body.ToString(), failed ? StatusCodes.Status401Unauthorized : StatusCodes.Status200OK);
    }

    private static async Task<IResult> SignIn(HttpContext context, IAntiforgery antiforgery, IAuthorityStore store)
    {
        if (await RefusedAsync(context, antiforgery) is { } refused)
        {
            return refused;
        }

        var form = context.Request.Form;
        var uscc = form["uscc"].ToString().Trim();
        var key = form["key"].ToString();
        var returnUrl = form["returnUrl"].ToString();
        var principal = key.Length is > 0 and <= 200 ? store.FindPrincipal(ApiKeys.Hash(key)) : null;
        var ok = principal is { Role: PrincipalRole.Institution }
            & UnifiedSocialCreditCode.TryParse(uscc, out var code)
            && string.Equals(principal!.Subject, code.ToString(), StringComparison.Ordinal);
        if (!ok || store.GetInstitution(principal!.Subject) is not { } institution)
        {
            return SignInView(context, antiforgery, uscc, returnUrl, failed: true);
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, institution.Uscc), new Claim(UsccClaim, institution.Uscc)], Scheme);
        await context.SignInAsync(Scheme, new ClaimsPrincipal(identity));
        return Results.Redirect(LocalReturn(returnUrl));
    }

    private static async Task<IResult> SignOut(HttpContext context, IAntiforgery antiforgery)
    {
        if (await RefusedAsync(context, antiforgery) is { } refused)
        {
            return refused;
        }

        await context.SignOutAsync(Scheme);
        return Results.Redirect("/portal/login");
    }
}
