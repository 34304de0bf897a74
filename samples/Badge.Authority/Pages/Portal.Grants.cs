using System.Text;
using Badge.Authority.Api;
using Badge.Authority.Security;
using Badge.Authority.Storage;
using Badge.Sdk.Issuance;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using static Badge.Authority.Pages.PortalHtml;

namespace Badge.Authority.Pages;

// 授权管理: administrators, operator grants and the audit trail, read-only (they are signed in the credential app).
internal static partial class Portal
{
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
}
