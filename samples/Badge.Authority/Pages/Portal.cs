using System.Text;
using Badge.Authority.Api;
using Badge.Authority.Domains;
using Badge.Authority.Security;
using Badge.Authority.Storage;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using static Badge.Authority.Pages.PortalHtml;

namespace Badge.Authority.Pages;

/// <summary>
/// The institution portal (试用系统), in Chinese, server-rendered: sign in with the institution's key (the demo
/// keys the emulator prints), 网上标识 → 领取网上标识 / 我的标识 with domain validation, 互联网政务应用普查信息填报,
/// 授权管理 (read-only: grants are signed with an administrator's own credential in the credential app), and the
/// free-of-charge statement at the foot of every page. Every action goes through the API's own handlers with the
/// signed-in institution as the principal, so the rules and trust checks are the API's; every page is scoped to
/// the signed-in institution (another's badge, census entry or grant is "not found"); every POST carries an
/// antiforgery token; the CSP allows no inline script.
/// </summary>
internal static partial class Portal
{
    public const string Scheme = "BadgePortal";
    public const string AntiforgeryField = "__RequestVerificationToken";
    private const string UsccClaim = "badge:uscc";
    private const string Policy = "BadgePortalInstitution";
    private const string Csp =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static void AddPortal(this IServiceCollection services)
    {
        services.AddAuthentication(Scheme).AddCookie(Scheme, o =>
        {
            o.Cookie.Name = "badge-portal";
            o.Cookie.Path = "/portal";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/portal/login";
            o.LogoutPath = "/portal/logout";
            o.AccessDeniedPath = "/portal/login";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireClaim(UsccClaim));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "badge-portal-antiforgery";
            o.Cookie.Path = "/portal";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.FormFieldName = AntiforgeryField;
        });
    }

    public static void MapPortal(this WebApplication app)
    {
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/portal", StringComparison.Ordinal), branch => branch.Use(async (context, next) =>
        {
            context.Response.Headers.ContentSecurityPolicy = Csp;
            context.Response.Headers.XFrameOptions = "DENY";
            context.Response.Headers["Referrer-Policy"] = "same-origin";
            context.Response.Headers.CacheControl = "no-store";
            await next(context);
        }));
        app.UseAuthentication();
        app.UseAuthorization();

        var open = app.MapGroup("/portal").ExcludeFromDescription();
        open.MapGet("/assets/portal.css", () => Results.Text(Stylesheet, "text/css; charset=utf-8"));
        open.MapGet("/assets/portal.js", () => Results.Text(Script, "text/javascript; charset=utf-8"));
        open.MapGet("/", (HttpContext c) => Results.Redirect(c.User.HasClaim(x => x.Type == UsccClaim) ? "/portal/badges" : "/portal/login"));
        open.MapGet("/login", SignInPage);
        open.MapPost("/login", SignIn);

        var portal = app.MapGroup("/portal").ExcludeFromDescription().RequireAuthorization(Policy);
        portal.MapPost("/logout", SignOut);
        portal.MapGet("/badges", BadgeList);
        portal.MapGet("/badges/new", ClaimForm);
        portal.MapPost("/badges/new", Claim);
        portal.MapGet("/badges/{id}", BadgeDetail);
        portal.MapPost("/badges/{id}/validate", Validate);
        portal.MapGet("/census", CensusList);
        portal.MapPost("/census", FileCensus);
        portal.MapGet("/census/{id}", CensusEditForm);
        portal.MapPost("/census/{id}", EditCensus);
        portal.MapGet("/grants", Grants);
    }

    // ---- helpers ----

    private static PortalSession? Session(HttpContext context, IAntiforgery antiforgery, IAuthorityStore store)
    {
        var uscc = context.User.FindFirst(UsccClaim)?.Value;
        if (uscc is null || store.GetInstitution(uscc) is not { } institution)
        {
            return null;
        }

        return new PortalSession(institution.Uscc, institution.Name, antiforgery.GetAndStoreTokens(context).RequestToken!);
    }

    // The API's handlers read the principal the X-Api-Key middleware put here; in the portal it is the signed-in institution.
    private static void ActAs(HttpContext context, PortalSession session) =>
        context.Items[typeof(Principal)] = new Principal(PrincipalRole.Institution, session.Uscc);

    private static BadgeRow? OwnBadge(IAuthorityStore store, PortalSession session, string id) =>
        id.Length <= 128 && store.GetBadge(id.Trim().ToLowerInvariant()) is { } row && row.Uscc == session.Uscc ? row : null;

    private static async Task<IResult?> RefusedAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!context.Request.HasFormContentType)
        {
            return Results.Content(Layout("请求无效", null, string.Empty, Alert("forbidden", "请求无效：请在页面上的表单中提交。")), "text/html; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }

        await context.Request.ReadFormAsync(context.RequestAborted);
        return await antiforgery.IsRequestValidAsync(context)
            ? null
            : Results.Content(Layout("请求无效", null, string.Empty, Alert("forbidden", "请求已失效或来源不明，未作任何修改。请返回上一页，刷新后重试。")),
                "text/html; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
    }

    private static IResult Page(string title, PortalSession? session, string nav, string body, int status = StatusCodes.Status200OK) =>
        Results.Content(Layout(title, session, nav, body), "text/html; charset=utf-8", statusCode: status);

    private static IResult NotFound(PortalSession session, string nav, string title, string text) =>
        Page(title, session, nav, Alert("not-found", text), StatusCodes.Status404NotFound);

    private static string LocalReturn(string? returnUrl) =>
        returnUrl is not null && returnUrl.StartsWith("/portal/", StringComparison.Ordinal) && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.Contains('\\', StringComparison.Ordinal) && returnUrl != "/portal/logout"
            ? returnUrl
            : "/portal/badges";

    private static string Target(BadgeRow row, IAuthorityStore store) =>
        row.Domain is not null ? DomainText(row.Domain) : $"{(row.Platform is null ? null : store.GetPlatformName(row.Platform)) ?? row.Platform} {row.AccountId}";

    private static string DomainText(string? ascii)
    {
        if (ascii is null || !SiteDomain.TryParse(ascii, out var domain))
        {
            return ascii ?? string.Empty;
        }

        return domain.Unicode == domain.Ascii ? domain.Unicode : $"{domain.Unicode}（{domain.Ascii}）";
    }

    private static string StatusText(string status) => status switch
    {
        "active" => "有效",
        "pending" => "待验证域名",
        "revoked" => "已撤销",
        _ => "已替换",
    };

    private static string ValidationText(BadgeRow row) => row.Kind != "website"
        ? "—"
        : row.Status switch
        {
            "pending" => "未验证：请在网站上提供验证内容后点击“验证”",
            "active" => "已验证",
            _ => "—",
        };

    /// <summary>
    /// A problem from the API's handlers as the portal shows it: the form field (the API's field name), a Chinese
    /// message (from the identity value's own <see cref="IdentityProblem.ChineseMessage"/> where the value is the
    /// cause), and the status code.
    /// </summary>
    private static (string Field, string Message, int Status) Explain(IResult result, Dictionary<string, string?> values)
    {
        if (result is not ProblemHttpResult problem)
        {
            return (string.Empty, "操作失败。", StatusCodes.Status500InternalServerError);
        }

        var extensions = problem.ProblemDetails.Extensions;
        var field = extensions.TryGetValue("field", out var f) ? f?.ToString() ?? string.Empty : string.Empty;
        if (field.StartsWith("entries[0].", StringComparison.Ordinal))
        {
            field = field["entries[0].".Length..];
        }

        var code = extensions.TryGetValue("code", out var c) ? c?.ToString() : null;
        values.TryGetValue(field, out var value);
        var label = field switch
        {
            "onlineName" => "网上名称",
            "name" => "名称",
            "domain" => "域名",
            "platform" => "平台",
            "accountId" => "账号",
            _ => field,
        };
        var message = code switch
        {
            AuthorityErrorCodes.MissingField when field == "platform" => "请选择平台",
            AuthorityErrorCodes.MissingField => $"请填写{label}",
            AuthorityErrorCodes.InvalidName or AuthorityErrorCodes.NameTooLong when !OnlineName.TryParse(value, out _, out var p) => p!.ChineseMessage,
            AuthorityErrorCodes.InvalidDomain when !SiteDomain.TryParse(value, out _, out var p) => p.ChineseMessage,
            AuthorityErrorCodes.InvalidPlatform => "请选择平台",
            AuthorityErrorCodes.UnknownPlatform => "该平台未在本系统登记",
            AuthorityErrorCodes.DomainRegisteredToAnother => "该域名在域名注册系统中属于其他单位，不能为本单位领取网上标识",
            AuthorityErrorCodes.PublicSuffix => "这是公共后缀（如 gov.cn、政务、com.cn），不是任何单位的网站，请填写本单位网站的域名",
            AuthorityErrorCodes.DomainNotRegistered => "该域名尚未在域名注册系统中注册，请先注册",
            AuthorityErrorCodes.DuplicateDomain or AuthorityErrorCodes.OverlappingDomain => "该域名已有有效的网上标识",
            AuthorityErrorCodes.InstitutionNotEligible => "网上标识只向机关和事业单位颁发",
            AuthorityErrorCodes.DomainValidationFailed => $"网站未提供验证内容（{(extensions.TryGetValue("reason", out var r) ? r : null)}）",
            _ => $"{label}：{problem.ProblemDetails.Detail}",
        };
        return (field, message, problem.StatusCode);
    }
}
