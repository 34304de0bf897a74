using System.Text.Encodings.Web;
using Badge.Sdk.Certificates;

namespace Badge.Platform;

/// <summary>The account's public profile: its badge, which links to the authority's certificate page.</summary>
internal static class ProfilePage
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    /// <param name="accountId">The account.</param>
    /// <param name="certificate">The badge's certificate, read from the authority.</param>
    /// <param name="fromCensus">Whether the platform attached the badge from the census (代为加注) rather than after a certification.</param>
    public static string Render(string accountId, BadgeCertificate certificate, bool fromCensus)
    {
        static string E(string value) => Encoder.Encode(value);
        var name = certificate.OnlineName.Value;
        var how = fromCensus
            ? "<p class=\"attached-by\" id=\"attached-by\">此网上标识由平台根据互联网政务应用普查信息代为加注。</p>"
            : string.Empty;
        return $$"""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head><meta charset="utf-8"><link rel="icon" href="data:,"><title>{{E(name)}}</title><link rel="stylesheet" href="/site.css"></head>
            <body>
            <main class="profile">
              <h1>{{E(name)}}</h1>
              <p class="account">{{E(accountId)}}</p>
              <section class="badge" id="badge">
                <a id="certificate-link" href="{{E(certificate.CertificateUrl?.AbsoluteUri ?? string.Empty)}}" target="_blank" rel="noopener">
                  <img src="/accounts/{{E(Uri.EscapeDataString(accountId))}}/badge.svg" width="60" height="60" alt="网上标识：{{E(certificate.OrganizerName.Value)}}">
                </a>
                <dl>
                  <dt>主办单位</dt><dd id="organizer">{{E(certificate.OrganizerName.Value)}}</dd>
                  <dt>统一社会信用代码</dt><dd>{{E(certificate.Uscc.ToString())}}</dd>
                  <dt>标识编号</dt><dd id="badge-id">{{E(certificate.BadgeId)}}</dd>
                </dl>
                {{how}}
              </section>
              <p><a href="/">← certify another account</a></p>
            </main>
            </body>
            </html>
            """;
    }
}
