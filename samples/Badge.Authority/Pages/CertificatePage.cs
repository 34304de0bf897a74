using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Badge.Sdk.Certificates;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;

namespace Badge.Authority.Pages;

/// <summary>The human certificate page (标识证书基本信息), in Chinese. Every value is HTML-encoded once.</summary>
internal static class CertificatePage
{
    /// <summary>The manual's special note (特别说明), word for word: the authority's identity services are free.</summary>
    public const string FreeOfChargeStatement =
        "特别说明：机构编制部门面向机关事业单位提供网络身份认证服务实行免费政策。微信公众号、服务号、小程序等网络平台对事业单位收取的年审费用等系平台行为，与机构编制服务事项无关。";

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Render(BadgeCertificate c, string? refererHost, bool refererCovered, string? platformName)
    {
        var html = new StringBuilder(4096);
        html.Append("""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>标识证书基本信息</title>
            <link rel="stylesheet" href="/assets/certificate.css">
            </head>
            <body>
            <main class="certificate">
            <h1>标识证书基本信息</h1>

            """);

        // Only a website badge vouches for a host; an account badge is shown on its platform's pages, whose hosts the
        // authority does not keep, so a referer proves nothing about it either way.
        if (refererHost is not null && !refererCovered && c.Domain is not null)
        {
            html.Append("<p class=\"warning\" id=\"foreign-site-warning\" role=\"alert\">警告：此网上标识正显示在网站“")
                .Append(E(refererHost))
                .Append("”上，但它只为“")
                .Append(E(c.Domain?.Unicode ?? c.AccountId ?? string.Empty))
                .Append("”作证明。该网站可能复制了他人的标识，请勿轻信。</p>\n");
        }

        switch (c.Status)
        {
            case BadgeStatus.Revoked:
                html.Append("<p class=\"status revoked\" id=\"status-banner\" role=\"alert\">此网上标识已撤销，不再有效。");
                if (!string.IsNullOrEmpty(c.RevocationReason))
                {
                    html.Append("撤销原因：").Append(E(c.RevocationReason));
                }

                html.Append("</p>\n");
                break;
            case BadgeStatus.Superseded:
                html.Append("<p class=\"status superseded\" id=\"status-banner\" role=\"alert\">此网上标识已被新标识替换。<a id=\"successor-link\" href=\"/certificates/")
                    .Append(E(Uri.EscapeDataString(c.SupersededBy ?? string.Empty)))
                    .Append("\">查看新标识</a></p>\n");
                break;
        }

        html.Append("<dl>\n");
        Row(html, "organizer-name", "主办单位名称", c.OrganizerName.Value);
        Row(html, "institution-kind", "单位类型", c.InstitutionKind.ToChineseName());
        Row(html, "uscc", "统一社会信用代码", c.Uscc.ToString());
        Row(html, "online-name", "网上名称", c.OnlineName.Value);
        if (c.Domain is { } domain)
        {
            var text = domain.Unicode == domain.Ascii ? domain.Unicode : $"{domain.Unicode}（{domain.Ascii}）";
            Row(html, "domain", "域名", text + "及其下级域名");
        }
        else
        {
            Row(html, "platform", "平台", platformName ?? c.Platform?.Value ?? string.Empty);
            Row(html, "account", "账号", c.AccountId ?? string.Empty);
        }

        Row(html, "badge-number", "标识编号", c.BadgeId);
        Row(html, "issuing-office", "颁发机构", c.IssuingOffice);
        Row(html, "issue-date", "颁发日期", c.IssuedAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy年M月d日", CultureInfo.InvariantCulture));
        Row(html, "status", "状态", c.Status switch
        {
            BadgeStatus.Active => "有效",
            BadgeStatus.Revoked => "已撤销",
            _ => "已替换",
        });
        html.Append("</dl>\n<p class=\"free-of-charge\" id=\"free-of-charge\">").Append(E(FreeOfChargeStatement)).Append("</p>\n");
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    public static string NotFound(string id) => $"""
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><title>未找到网上标识</title><link rel="stylesheet" href="/assets/certificate.css"></head>
        <body><main class="certificate"><h1>未找到网上标识</h1><p class="warning" role="alert">编号为“{E(id)}”的网上标识不存在。请勿轻信显示该标识的网站。</p></main></body></html>
        """;

    public const string Stylesheet = """
        body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; background: #f5f5f5; margin: 0; }
        .certificate { max-width: 40rem; margin: 2rem auto; background: #fff; padding: 1.5rem 2rem; border-top: 6px solid #c8102e; }
        h1 { font-size: 1.4rem; margin-top: 0; }
        dl { display: grid; grid-template-columns: 9rem 1fr; gap: .5rem 1rem; }
        dt { color: #555; } dd { margin: 0; font-weight: 600; }
        .warning, .status { padding: .75rem 1rem; border-radius: 4px; }
        .warning { background: #fff3cd; border: 1px solid #e0a800; }
        .status.revoked { background: #f8d7da; border: 1px solid #c8102e; }
        .status.superseded { background: #e2e3e5; border: 1px solid #6c757d; }
        .free-of-charge { margin-top: 1.5rem; padding-top: .75rem; border-top: 1px solid #ddd; color: #555; font-size: .9rem; }
        """;

    private static void Row(StringBuilder html, string id, string label, string value) =>
        html.Append("<dt>").Append(label).Append("</dt><dd id=\"").Append(id).Append("\">").Append(E(value)).Append("</dd>\n");

    private static string E(string value) => Encoder.Encode(value);
}
