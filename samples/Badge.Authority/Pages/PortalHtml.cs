using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Badge.Authority.Pages;

/// <summary>
/// The HTML writer of the institution portal (试用系统): a layout with the navigation the manual names and the
/// free-of-charge statement, and small helpers. Every value goes through <see cref="E"/> (HTML-encoded once); the
/// pages carry no inline script or style (the CSP forbids both), only <c>/portal/assets/portal.css</c> and
/// <c>/portal/assets/portal.js</c>.
/// </summary>
internal static class PortalHtml
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string E(string? value) => value is null ? string.Empty : Encoder.Encode(value);

    public static string Time(DateTimeOffset at) =>
        at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A whole page. <paramref name="session"/> is null on the sign-in page.</summary>
    public static string Layout(string title, PortalSession? session, string nav, string body)
    {
        var html = new StringBuilder(8192);
        html.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
            .Append(E(title)).Append(" - 网上标识试用系统</title>\n")
            .Append("<link rel=\"stylesheet\" href=\"/portal/assets/portal.css\">\n")
            .Append("<script src=\"/portal/assets/portal.js\" defer></script>\n</head>\n")
            .Append(session is null ? "<body class=\"alone\">\n" : "<body>\n")
            .Append("<header class=\"top\"><span class=\"brand\">机关事业单位网上标识试用系统（本地模拟）</span>");
        if (session is not null)
        {
            html.Append("<span class=\"who\" id=\"signed-in-as\">").Append(E(session.Name)).Append('（').Append(E(session.Uscc)).Append("）</span>")
                .Append("<form method=\"post\" action=\"/portal/logout\" class=\"logout\">").Append(Antiforgery(session.Token))
                .Append("<button type=\"submit\" id=\"logout\">退出</button></form>");
        }

        html.Append("</header>\n");
        if (session is not null)
        {
            html.Append("<nav class=\"menu\"><ul>")
                .Append("<li class=\"group\"><span>网上标识</span><ul>")
                .Append(NavItem("nav-claim", "/portal/badges/new", "领取网上标识", nav == "claim"))
                .Append(NavItem("nav-badges", "/portal/badges", "我的标识", nav == "badges"))
                .Append("</ul></li>")
                .Append(NavItem("nav-census", "/portal/census", "互联网政务应用普查信息填报", nav == "census"))
                .Append(NavItem("nav-grants", "/portal/grants", "授权管理", nav == "grants"))
                .Append("</ul></nav>\n");
        }

        html.Append("<main class=\"content\">\n<h1>").Append(E(title)).Append("</h1>\n").Append(body).Append("</main>\n")
            .Append("<footer class=\"free-of-charge\" id=\"free-of-charge\">").Append(E(CertificatePage.FreeOfChargeStatement)).Append("</footer>\n")
            .Append("</body>\n</html>\n");
        return html.ToString();
    }

    public static string Antiforgery(string token) =>
        $"<input type=\"hidden\" name=\"{Portal.AntiforgeryField}\" value=\"{E(token)}\">";

    /// <summary>A labelled text input with its error (if any) right next to it.</summary>
    public static string Field(string id, string label, string? value, string? error, string hint = "", int maxLength = 200)
    {
        var html = new StringBuilder(512);
        html.Append("<div class=\"field").Append(error is null ? string.Empty : " has-error").Append("\"><label for=\"").Append(id).Append("\">")
            .Append(E(label)).Append("</label><input type=\"text\" id=\"").Append(id).Append("\" name=\"").Append(id)
            .Append("\" maxlength=\"").Append(maxLength.ToString(CultureInfo.InvariantCulture)).Append("\" value=\"").Append(E(value)).Append('"');
        if (error is not null)
        {
            html.Append(" aria-invalid=\"true\" aria-describedby=\"").Append(id).Append("-error\"");
        }

        html.Append('>');
        if (error is not null)
        {
            html.Append("<span class=\"error\" id=\"").Append(id).Append("-error\" role=\"alert\">").Append(E(error)).Append("</span>");
        }

        if (hint.Length > 0)
        {
            html.Append("<span class=\"hint\">").Append(E(hint)).Append("</span>");
        }

        return html.Append("</div>\n").ToString();
    }

    public static string Alert(string id, string text, string kind = "error") =>
        $"<p class=\"alert {kind}\" id=\"{id}\" role=\"{(kind == "error" ? "alert" : "status")}\">{E(text)}</p>\n";

    private static string NavItem(string id, string href, string text, bool active) =>
        $"<li><a id=\"{id}\" href=\"{href}\"{(active ? " class=\"active\" aria-current=\"page\"" : string.Empty)}>{E(text)}</a></li>";

    public const string Stylesheet = """
        body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 0; background: #f5f5f5; color: #222;
               display: grid; grid-template-columns: 15rem 1fr; grid-template-rows: auto 1fr auto; min-height: 100vh; }
        .top { grid-column: 1 / 3; background: #c8102e; color: #fff; padding: .75rem 1.5rem; display: flex; gap: 1rem; align-items: center; }
        .top .brand { font-weight: 700; flex: 1; }
        .top .logout { margin: 0; }
        .top button { background: transparent; color: #fff; border: 1px solid #fff; border-radius: 3px; padding: .2rem .8rem; cursor: pointer; }
        .menu { background: #fff; border-right: 1px solid #ddd; padding: 1rem 0; }
        .menu ul { list-style: none; margin: 0; padding: 0; }
        .menu .group > span { display: block; padding: .5rem 1.25rem; font-weight: 700; }
        .menu .group ul a { padding-left: 2.25rem; }
        .menu a { display: block; padding: .5rem 1.25rem; color: #222; text-decoration: none; }
        .menu a.active, .menu a:hover { background: #fbe9eb; color: #c8102e; }
        .content { padding: 1.5rem 2rem; max-width: 60rem; }
        .content.alone, body.alone .content { grid-column: 1 / 3; margin: 0 auto; }
        h1 { font-size: 1.4rem; margin-top: 0; } h2 { font-size: 1.1rem; margin-top: 2rem; }
        form.card, section.card { background: #fff; padding: 1rem 1.5rem; border: 1px solid #ddd; border-radius: 4px; margin-bottom: 1rem; }
        .field { display: grid; grid-template-columns: 9rem 1fr; gap: .25rem 1rem; margin-bottom: .75rem; align-items: center; }
        .field input[type=text], .field select, .field input[type=password] { padding: .4rem; border: 1px solid #bbb; border-radius: 3px; font: inherit; }
        .field .error, .field .hint { grid-column: 2; font-size: .9rem; }
        .field .error { color: #c8102e; } .field .hint { color: #666; }
        .field.has-error input { border-color: #c8102e; }
        button, .button { background: #c8102e; color: #fff; border: 0; border-radius: 3px; padding: .45rem 1.2rem; font: inherit; cursor: pointer; text-decoration: none; }
        .alert { padding: .75rem 1rem; border-radius: 4px; }
        .alert.error { background: #f8d7da; border: 1px solid #c8102e; }
        .alert.ok { background: #d1e7dd; border: 1px solid #198754; }
        .alert.info { background: #e7f1ff; border: 1px solid #0d6efd; }
        table { border-collapse: collapse; width: 100%; background: #fff; }
        th, td { border: 1px solid #ddd; padding: .4rem .6rem; text-align: left; vertical-align: top; }
        th { background: #fafafa; }
        textarea.code { width: 100%; min-height: 7rem; font-family: monospace; font-size: .85rem; }
        .card dl, dl.card { display: grid; grid-template-columns: 8rem 1fr; gap: .4rem 1rem; }
        .card dd, dl.card dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
        code, pre { font-family: monospace; background: #f0f0f0; padding: .1rem .3rem; overflow-wrap: anywhere; white-space: pre-wrap; }
        .free-of-charge { grid-column: 1 / 3; border-top: 1px solid #ddd; background: #fff; color: #555; font-size: .9rem; padding: .75rem 2rem; }
        .copy-status { margin-left: .75rem; color: #198754; }
        """;

    public const string Script = """
        'use strict';
        // 复制代码: copies the embed code shown in the textarea the button names.
        document.addEventListener('DOMContentLoaded', () => {
          for (const button of document.querySelectorAll('button[data-copy]')) {
            button.addEventListener('click', async () => {
              const source = document.getElementById(button.dataset.copy);
              const status = document.getElementById(button.dataset.copy + '-status');
              try {
                await navigator.clipboard.writeText(source.value);
                status.textContent = '已复制';
              } catch {
                source.focus();
                source.select();
                status.textContent = '无法写入剪贴板，代码已选中，请按 Ctrl+C 复制';
              }
            });
          }
        });
        """;
}

/// <summary>The signed-in institution as a page needs it.</summary>
/// <param name="Uscc">Its USCC.</param>
/// <param name="Name">Its registered name.</param>
/// <param name="Token">The antiforgery token for forms on this page.</param>
internal sealed record PortalSession(string Uscc, string Name, string Token);
