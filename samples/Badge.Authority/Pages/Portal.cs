using System.Security.Claims;
using System.Text;
using Badge.Authority.Api;
using Badge.Authority.Domains;
using Badge.Authority.Security;
using Badge.Authority.Storage;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using static Badge.Authority.Pages.PortalHtml;
using Badge.Sdk.Certificates;

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
internal static class Portal
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

    // ---- sign in / out ----

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

    // ---- 网上标识 ----

    private static IResult BadgeList(HttpContext context, IAntiforgery antiforgery, IAuthorityStore store, int? page)
    {
        if (Session(context, antiforgery, store) is not { } session)
        {
            return Results.Redirect("/portal/login");
        }

        var p = Math.Max(1, page ?? 1);
        var (items, total) = store.ListBadges(session.Uscc, p, 50);
        var body = new StringBuilder();
        body.Append("<p><a class=\"button\" href=\"/portal/badges/new\" id=\"claim-link\">领取网上标识</a></p>\n");
        if (total == 0)
        {
            body.Append("<p id=\"no-badges\">本单位尚未领取网上标识。</p>\n");
        }
        else
        {
            body.Append("<table id=\"badges\"><thead><tr><th>网上名称</th><th>域名或平台账号</th><th>状态</th><th>域名验证</th><th>证书</th><th></th></tr></thead><tbody>\n");
            foreach (var row in items)
            {
                body.Append("<tr data-badge=\"").Append(E(row.Id)).Append("\"><td>").Append(E(row.OnlineName)).Append("</td><td>")
                    .Append(E(Target(row, store))).Append("</td><td class=\"status\">").Append(E(StatusText(row.Status))).Append("</td><td class=\"validation\">")
                    .Append(E(ValidationText(row))).Append("</td><td>");
                if (row.Status != "pending")
                {
                    body.Append("<a class=\"certificate\" href=\"/certificates/").Append(E(Uri.EscapeDataString(row.Id))).Append("\" target=\"_blank\" rel=\"noopener\">标识证书</a>");
                }

                body.Append("</td><td><a class=\"detail\" href=\"/portal/badges/").Append(E(Uri.EscapeDataString(row.Id))).Append("\">详情</a></td></tr>\n");
            }

            body.Append("</tbody></table>\n");
            if (total > p * 50)
            {
                body.Append("<p><a href=\"/portal/badges?page=").Append(p + 1).Append("\">下一页</a></p>\n");
            }
        }

        return Page("我的标识", session, "badges", body.ToString());
    }

    private static IResult ClaimForm(HttpContext context, IAntiforgery antiforgery, IAuthorityStore store) =>
        Session(context, antiforgery, store) is { } session
            ? ClaimView(session, null, null, null, null, StatusCodes.Status200OK)
            : Results.Redirect("/portal/login");

    private static IResult ClaimView(PortalSession session, string? onlineName, string? domain, (string Field, string Message)? error, string? general, int status)
    {
        var body = new StringBuilder();
        body.Append("<p>填写网上名称、域名等信息，点击“提交”即可领取网上标识。为网站领取的网上标识并非是图片，而是一段加注代码，其负责展示网上标识图片。</p>\n");
        if (general is not null)
        {
            body.Append(Alert("claim-error", general));
        }

        body.Append("<form method=\"post\" action=\"/portal/badges/new\" class=\"card\" id=\"claim-form\">").Append(Antiforgery(session.Token))
            .Append("<div class=\"field\"><span>主办单位名称</span><span id=\"organizer\">").Append(E(session.Name)).Append("</span></div>")
            .Append(Field("onlineName", "网上名称", onlineName, error?.Field == "onlineName" ? error.Value.Message : null, "网站的名称，例如“万载县人民政府网”。"))
            .Append(Field("domain", "域名", domain, error?.Field == "domain" ? error.Value.Message : null, "网站的域名，例如 www.wanzai.gov.cn；网上标识同时证明其下级域名。", 253))
            .Append("<button type=\"submit\" id=\"claim-submit\">提交</button></form>\n");
        return Page("领取网上标识", session, "claim", body.ToString(), status);
    }

    private static async Task<IResult> Claim(
        HttpContext context, IAntiforgery antiforgery, IAuthorityStore store, IOptions<AuthorityOptions> options, TimeProvider time, WebsiteDomains domains, CertificateAuthority ca)
    {
        if (Session(context, antiforgery, store) is not { } session)
        {
            return Results.Redirect("/portal/login");
        }

        if (await RefusedAsync(context, antiforgery) is { } refused)
        {
            return refused;
        }

        var form = context.Request.Form;
        var onlineName = form["onlineName"].ToString();
        var domain = form["domain"].ToString();
        ActAs(context, session);
        var result = BadgeEndpoints.IssueBadge(
            new IssueBadgeRequest { Kind = BadgeKind.Website, Uscc = session.Uscc, OrganizerName = session.Name, OnlineName = onlineName, Domain = domain },
            context, store, options, time, domains, ca);
        if (result is Created<IssuedBadge> created)
        {
            return Results.Redirect($"/portal/badges/{Uri.EscapeDataString(created.Value!.Id)}?claimed=true", permanent: false, preserveMethod: false);
        }

        var (field, message, status) = Explain(result, new Dictionary<string, string?> { ["onlineName"] = onlineName, ["domain"] = domain });
        return field is "onlineName" or "domain"
            ? ClaimView(session, onlineName, domain, (field, message), null, status)
            : ClaimView(session, onlineName, domain, null, message, status);
    }

    private static IResult BadgeDetail(string id, HttpContext context, IAntiforgery antiforgery, IAuthorityStore store, IOptions<AuthorityOptions> options, bool? claimed) =>
        Session(context, antiforgery, store) is not { } session ? Results.Redirect("/portal/login")
        : OwnBadge(store, session, id) is not { } row ? NotFound(session, "badges", "未找到网上标识", "本单位没有这个网上标识。")
        : BadgeView(context, session, store, options.Value, row, claimed == true, null, StatusCodes.Status200OK);

    private static IResult BadgeView(HttpContext context, PortalSession session, IAuthorityStore store, AuthorityOptions options, BadgeRow row, bool claimed, string? validationError, int status)
    {
        var body = new StringBuilder();
        if (claimed)
        {
            body.Append(Alert("claimed", "已领取网上标识。点击“复制代码”，将加注代码保存本地任何文件中，供加注时使用。", "ok"));
        }

        body.Append("<section class=\"card\"><dl>")
            .Append("<dt>网上名称</dt><dd id=\"online-name\">").Append(E(row.OnlineName)).Append("</dd>")
            .Append("<dt>").Append(row.Domain is null ? "平台账号" : "域名").Append("</dt><dd id=\"target\">").Append(E(Target(row, store))).Append("</dd>")
            .Append("<dt>标识编号</dt><dd id=\"badge-id\">").Append(E(row.Id)).Append("</dd>")
            .Append("<dt>状态</dt><dd id=\"status\">").Append(E(StatusText(row.Status))).Append("</dd>")
            .Append("<dt>领取时间</dt><dd>").Append(E(Time(row.IssuedAt))).Append("</dd>")
            .Append("</dl>");
        if (row.Status != "pending")
        {
            body.Append("<p><a id=\"certificate-link\" href=\"/certificates/").Append(E(Uri.EscapeDataString(row.Id)))
                .Append("\" target=\"_blank\" rel=\"noopener\">查看标识证书基本信息</a></p>");
        }

        body.Append("</section>\n");
        if (row.Kind == "website" && row.Status is "active" or "pending")
        {
            var issued = ApiModels.Issued(context, row, options);
            body.Append("<h2>加注代码</h2>\n<p>将加注代码使用&lt;div&gt;元素包裹，放置到网站首页底部，通过调整&lt;div&gt;元素样式控制标识显示位置。</p>\n")
                .Append("<textarea class=\"code\" id=\"embed-code\" readonly>").Append(E(issued.EmbedCode)).Append("</textarea>\n")
                .Append("<p><button type=\"button\" id=\"copy-code\" data-copy=\"embed-code\">复制代码</button><span class=\"copy-status\" id=\"embed-code-status\" role=\"status\"></span></p>\n");

            body.Append("<h2>域名验证</h2>\n<p id=\"validation-state\">").Append(E(ValidationText(row))).Append("</p>\n");
            if (validationError is not null)
            {
                body.Append(Alert("validation-error", validationError));
            }

            if (row.Status == "pending" && DomainEndpoints.Record(row, store, options).DomainValidation is { } validation)
            {
                body.Append("<p>在网站上提供下面的内容，然后点击“验证”：</p>\n<dl class=\"card\">")
                    .Append("<dt>地址</dt><dd><code id=\"validation-url\">").Append(E(validation.Url.ToString())).Append("</code></dd>")
                    .Append("<dt>内容</dt><dd><code id=\"validation-token\">").Append(E(validation.Token)).Append("</code></dd>");
                if (validation.LastCheckedAt is { } checkedAt)
                {
                    body.Append("<dt>上次验证</dt><dd id=\"last-checked\">").Append(E(Time(checkedAt))).Append('：')
                        .Append(E(validation.LastError ?? "通过")).Append("</dd>");
                }

                body.Append("</dl>\n<form method=\"post\" action=\"/portal/badges/").Append(E(Uri.EscapeDataString(row.Id))).Append("/validate\">")
                    .Append(Antiforgery(session.Token)).Append("<button type=\"submit\" id=\"validate\">验证</button></form>\n");
            }
        }

        return Page("网上标识详情", session, "badges", body.ToString(), status);
    }

    private static async Task<IResult> Validate(string id, HttpContext context, IAntiforgery antiforgery, IAuthorityStore store, WebsiteDomains domains, IOptions<AuthorityOptions> options)
    {
        if (Session(context, antiforgery, store) is not { } session)
        {
            return Results.Redirect("/portal/login");
        }

        if (await RefusedAsync(context, antiforgery) is { } refused)
        {
            return refused;
        }

        if (OwnBadge(store, session, id) is not { } row)
        {
            return NotFound(session, "badges", "未找到网上标识", "本单位没有这个网上标识。");
        }

        ActAs(context, session);
        var result = await DomainEndpoints.ValidateDomain(row.Id, context, store, domains, options);
        if (result is not ProblemHttpResult)
        {
            return Results.Redirect($"/portal/badges/{Uri.EscapeDataString(row.Id)}");
        }

        var (_, message, status) = Explain(result, new Dictionary<string, string?>());
        return BadgeView(context, session, store, options.Value, store.GetBadge(row.Id)!, false, "验证未通过：" + message, status);
    }

    // ---- 互联网政务应用普查信息填报 ----

    private static IResult CensusList(HttpContext context, IAntiforgery antiforgery, IAuthorityStore store, IOptions<AuthorityOptions> options, bool? filed) =>
        Session(context, antiforgery, store) is { } session
            ? CensusView(session, store, options.Value, new CensusForm(), null, filed == true ? "已提交普查信息。" : null, StatusCodes.Status200OK)
            : Results.Redirect("/portal/login");

    private static IResult CensusView(PortalSession session, IAuthorityStore store, AuthorityOptions options, CensusForm form, (string Field, string Message)? error, string? notice, int status)
    {
        var body = new StringBuilder();
        body.Append("<p>已加V认证的平台账号，由中央编办域名服务中心根据普查信息统一协调互联网平台代为加注网上标识。请准确填报本单位的网站和平台账号。</p>\n");
        if (notice is not null)
        {
            body.Append(Alert("census-notice", notice, "ok"));
        }

        var rows = store.ListCensus(session.Uscc);
        if (rows.Count == 0)
        {
            body.Append("<p id=\"no-census\">尚未填报普查信息。</p>\n");
        }
        else
        {
            body.Append("<table id=\"census\"><thead><tr><th>名称</th><th>类型</th><th>域名或平台账号</th><th>已加V认证</th><th>填报时间</th><th></th></tr></thead><tbody>\n");
            foreach (var r in rows)
            {
                body.Append("<tr data-census=\"").Append(E(r.Id)).Append("\"><td>").Append(E(r.Name)).Append("</td><td>").Append(r.Platform is null ? "网站" : "平台账号")
                    .Append("</td><td>").Append(E(r.Platform is null ? DomainText(r.Domain) : $"{store.GetPlatformName(r.Platform) ?? r.Platform} {r.AccountId}"))
                    .Append("</td><td>").Append(r.Platform is null ? "—" : r.Verified ? "是" : "否").Append("</td><td>").Append(E(Time(r.SubmittedAt)))
                    .Append("</td><td><a class=\"edit\" href=\"/portal/census/").Append(E(Uri.EscapeDataString(r.Id))).Append("\">修改</a></td></tr>\n");
            }

            body.Append("</tbody></table>\n");
        }

        body.Append("<h2>新增填报</h2>\n").Append(CensusFormHtml(session, options, "/portal/census", form, error, "census-submit", "提交"));
        return Page("互联网政务应用普查信息填报", session, "census", body.ToString(), status);
    }

    private static string CensusFormHtml(PortalSession session, AuthorityOptions options, string action, CensusForm form, (string Field, string Message)? error, string submitId, string submitText)
    {
        string? Error(string field) => error?.Field == field ? error.Value.Message : null;
        var html = new StringBuilder();
        html.Append("<form method=\"post\" action=\"").Append(E(action)).Append("\" class=\"card\" id=\"census-form\">").Append(Antiforgery(session.Token));
        if (error is { Field: "" } general)
        {
            html.Append(Alert("census-error", general.Message));
        }

        html.Append("<div class=\"field\"><label for=\"kind\">类型</label><select id=\"kind\" name=\"kind\">")
            .Append("<option value=\"website\"").Append(form.Kind == "account" ? string.Empty : " selected").Append(">网站</option>")
            .Append("<option value=\"account\"").Append(form.Kind == "account" ? " selected" : string.Empty).Append(">平台账号</option></select></div>")
            .Append(Field("name", "名称", form.Name, Error("name"), "网站名称或账号名称。"))
            .Append(Field("domain", "域名", form.Domain, Error("domain"), "类型为网站时填写。", 253))
            .Append("<div class=\"field").Append(Error("platform") is null ? string.Empty : " has-error").Append("\"><label for=\"platform\">平台</label><select id=\"platform\" name=\"platform\"><option value=\"\">（类型为平台账号时选择）</option>");
        foreach (var platform in options.Platforms)
        {
            html.Append("<option value=\"").Append(E(platform.Id)).Append('"').Append(form.Platform == platform.Id ? " selected" : string.Empty).Append('>')
                .Append(E(platform.Name)).Append("</option>");
        }

        html.Append("</select>");
        if (Error("platform") is { } platformError)
        {
            html.Append("<span class=\"error\" id=\"platform-error\" role=\"alert\">").Append(E(platformError)).Append("</span>");
        }

        html.Append("</div>")
            .Append(Field("accountId", "账号", form.AccountId, Error("accountId"), "平台上的账号 ID。", 128))
            .Append("<div class=\"field\"><label for=\"verified\">已加V认证</label><input type=\"checkbox\" id=\"verified\" name=\"verified\" value=\"true\"")
            .Append(form.Verified ? " checked" : string.Empty).Append("></div>")
            .Append("<button type=\"submit\" id=\"").Append(submitId).Append("\">").Append(E(submitText)).Append("</button></form>\n");
        return html.ToString();
    }

    private static async Task<IResult> FileCensus(HttpContext context, IAntiforgery antiforgery, IAuthorityStore store, IOptions<AuthorityOptions> options, TimeProvider time)
    {
        if (Session(context, antiforgery, store) is not { } session)
        {
            return Results.Redirect("/portal/login");
        }

        if (await RefusedAsync(context, antiforgery) is { } refused)
        {
            return refused;
        }

        var form = CensusForm.Read(context.Request.Form);
        ActAs(context, session);
        var result = CensusEndpoints.SubmitCensus(new CensusSubmission { Uscc = session.Uscc, Entries = [form.ToEntry()] }, context, store, time);
        if (result is not ProblemHttpResult)
        {
            return Results.Redirect("/portal/census?filed=true");
        }

        var (field, message, status) = Explain(result, form.Values());
        return CensusView(session, store, options.Value, form, (CensusForm.Fields.Contains(field) ? field : string.Empty, message), null, status);
    }

    private static IResult CensusEditForm(string id, HttpContext context, IAntiforgery antiforgery, IAuthorityStore store, IOptions<AuthorityOptions> options)
    {
        if (Session(context, antiforgery, store) is not { } session)
        {
            return Results.Redirect("/portal/login");
        }

        return store.GetCensus(id) is { } row && row.Uscc == session.Uscc
            ? CensusEditView(session, options.Value, row.Id, CensusForm.From(row), null, StatusCodes.Status200OK)
            : NotFound(session, "census", "未找到普查信息", "本单位没有这条普查信息。");
    }

    private static IResult CensusEditView(PortalSession session, AuthorityOptions options, string id, CensusForm form, (string Field, string Message)? error, int status) =>
        Page("修改普查信息", session, "census",
            CensusFormHtml(session, options, $"/portal/census/{Uri.EscapeDataString(id)}", form, error, "census-save", "保存") + "<p><a href=\"/portal/census\">返回</a></p>\n",
            status);

    private static async Task<IResult> EditCensus(string id, HttpContext context, IAntiforgery antiforgery, IAuthorityStore store, IOptions<AuthorityOptions> options, TimeProvider time)
    {
        if (Session(context, antiforgery, store) is not { } session)
        {
            return Results.Redirect("/portal/login");
        }

        if (await RefusedAsync(context, antiforgery) is { } refused)
        {
            return refused;
        }

        if (store.GetCensus(id) is not { } existing || existing.Uscc != session.Uscc)
        {
            return NotFound(session, "census", "未找到普查信息", "本单位没有这条普查信息。");
        }

        var form = CensusForm.Read(context.Request.Form);
        var now = time.GetUtcNow();
        if (CensusEndpoints.CensusEntryRow(form.ToEntry(), string.Empty, session.Uscc, store, now, out var row) is { } problem)
        {
            var (field, message, status) = Explain(problem, form.Values());
            return CensusEditView(session, options.Value, existing.Id, form, (CensusForm.Fields.Contains(field) ? field : string.Empty, message), status);
        }

        return store.UpdateCensus(session.Uscc, row with { Id = existing.Id }, "portal:" + session.Uscc, now)
            ? Results.Redirect("/portal/census")
            : NotFound(session, "census", "未找到普查信息", "本单位没有这条普查信息。");
    }

    // ---- 授权管理 ----

    private static IResult Grants(HttpContext context, IAntiforgery antiforgery, IAuthorityStore store, IOptions<AuthorityOptions> options)
    {
        if (Session(context, antiforgery, store) is not { } session)
        {
            return Results.Redirect("/portal/login");
        }

        var institution = store.GetInstitution(session.Uscc)!;
        var address = $"{context.Request.Scheme}://{context.Request.Host}";
        var body = new StringBuilder();
        body.Append("<section class=\"card\" id=\"how-to-sign\"><p>为账号管理员授权使用网络身份凭证、撤销授权、任命管理人，须由第一管理责任人或管理人使用<strong>本人的网络身份凭证</strong>签名，")
            .Append("试用系统不能代为签名，因此本页只列出授权情况。请在网络身份凭证APP中操作：</p>\n<pre id=\"grant-command\">")
            .Append(E($"dotnet run --project samples/Badge.CredentialApp -- grant --authority {address} --credential <本人凭证.p12> --api-key <单位密钥> --uscc {session.Uscc} --platform <平台> --account <账号> --operator <账号管理员>"))
            .Append("</pre>\n<p>撤销授权：加 <code>--revoke &lt;授权编号&gt;</code>；任命管理人（仅第一管理责任人）：加 <code>--appoint &lt;管理人&gt;</code>。</p></section>\n");

        body.Append("<h2>第一管理责任人和管理人</h2>\n<table id=\"administrators\"><thead><tr><th>人员</th><th>角色</th><th>任命人</th><th>任命时间</th></tr></thead><tbody>\n")
            .Append("<tr><td>").Append(E(institution.PrimaryAdministrator)).Append("</td><td>第一管理责任人</td><td>—</td><td>—</td></tr>\n");
        foreach (var a in store.ListAdministrators(session.Uscc))
        {
            body.Append("<tr><td>").Append(E(a.AdministratorId)).Append("</td><td>管理人</td><td>").Append(E(a.AppointedBy)).Append("</td><td>")
                .Append(E(Time(a.AppointedAt))).Append("</td></tr>\n");
        }

        body.Append("</tbody></table>\n<h2>账号管理员授权</h2>\n");
        var grants = store.ListGrants(session.Uscc);
        if (grants.Count == 0)
        {
            body.Append("<p id=\"no-grants\">尚无授权。</p>\n");
        }
        else
        {
            body.Append("<table id=\"grants\"><thead><tr><th>授权编号</th><th>平台</th><th>账号</th><th>账号管理员</th><th>授权人</th><th>授权时间</th><th>状态</th></tr></thead><tbody>\n");
            foreach (var g in grants)
            {
                body.Append("<tr data-grant=\"").Append(E(g.Id)).Append("\"><td>").Append(E(g.Id)).Append("</td><td>").Append(E(store.GetPlatformName(g.Platform) ?? g.Platform))
                    .Append("</td><td>").Append(E(g.AccountId)).Append("</td><td>").Append(E(g.OperatorId)).Append("</td><td>").Append(E(g.GrantedBy))
                    .Append("</td><td>").Append(E(Time(g.GrantedAt))).Append("</td><td>")
                    .Append(g.RevokedAt is { } revokedAt ? E($"已撤销（{g.RevokedBy}，{Time(revokedAt)}）") : "有效").Append("</td></tr>\n");
            }

            body.Append("</tbody></table>\n");
        }

        body.Append("<h2>操作记录</h2>\n");
        ActAs(context, session);
        var audit = GrantEndpoints.ListAudit(session.Uscc, context, store) is Ok<List<AuditEntry>> ok ? ok.Value! : [];
        if (audit.Count == 0)
        {
            body.Append("<p id=\"no-audit\">尚无操作记录。</p>\n");
        }
        else
        {
            body.Append("<table id=\"audit\"><thead><tr><th>时间</th><th>操作人</th><th>操作</th><th>对象</th></tr></thead><tbody>\n");
            foreach (var a in audit)
            {
                body.Append("<tr><td>").Append(E(Time(a.At))).Append("</td><td>").Append(E(a.Actor)).Append("</td><td>").Append(E(a.Action))
                    .Append("</td><td>").Append(E(a.Target)).Append("</td></tr>\n");
            }

            body.Append("</tbody></table>\n");
        }

        return Page("授权管理", session, "grants", body.ToString());
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

    private sealed record CensusForm
    {
        public static readonly string[] Fields = ["name", "domain", "platform", "accountId"];

        public string Kind { get; init; } = "website";

        public string? Name { get; init; }

        public string? Domain { get; init; }

        public string? Platform { get; init; }

        public string? AccountId { get; init; }

        public bool Verified { get; init; }

        public static CensusForm Read(IFormCollection form) => new()
        {
            Kind = form["kind"].ToString() == "account" ? "account" : "website",
            Name = form["name"].ToString(),
            Domain = form["domain"].ToString(),
            Platform = form["platform"].ToString(),
            AccountId = form["accountId"].ToString(),
            Verified = form["verified"].ToString() == "true",
        };

        public static CensusForm From(CensusRow row) => new()
        {
            Kind = row.Platform is null ? "website" : "account",
            Name = row.Name,
            Domain = row.Domain is not null && SiteDomain.TryParse(row.Domain, out var parsed) ? parsed.Unicode : row.Domain,
            Platform = row.Platform,
            AccountId = row.AccountId,
            Verified = row.Verified,
        };

        // A website entry carries a domain only; an account entry a platform and an account only.
        public CensusEntry ToEntry() => Kind == "account"
            ? new CensusEntry { Name = Name, Platform = string.IsNullOrEmpty(Platform) ? " " : Platform, AccountId = AccountId, Verified = Verified }
            : new CensusEntry { Name = Name, Domain = Domain };

        public Dictionary<string, string?> Values() => new(StringComparer.Ordinal)
        {
            ["name"] = Name, ["domain"] = Domain, ["platform"] = Platform, ["accountId"] = AccountId,
        };
    }
}
