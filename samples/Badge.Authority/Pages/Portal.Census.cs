using System.Text;
using Badge.Authority.Api;
using Badge.Authority.Security;
using Badge.Authority.Storage;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using static Badge.Authority.Pages.PortalHtml;

namespace Badge.Authority.Pages;

// 互联网政务应用普查信息填报: filing and editing census entries through the API's own checks.
internal static partial class Portal
{
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
