using System.Text;
using Badge.Authority.Api;
using Badge.Authority.Domains;
using Badge.Authority.Security;
using Badge.Authority.Storage;
using Badge.Sdk.Issuance;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using static Badge.Authority.Pages.PortalHtml;
using Badge.Sdk.Certificates;

namespace Badge.Authority.Pages;

// 网上标识: the institution's badges, claiming a website badge (领取网上标识), one badge, and validating its domain.
internal static partial class Portal
{
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
}
