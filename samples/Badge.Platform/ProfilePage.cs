using System.Text.Encodings.Web;

namespace Badge.Platform;

internal static class ProfilePage
{
    public static string Render(Badge.Sdk.Platforms.Certification account)
    {
        var e = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        return $$"""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head><meta charset="utf-8"><link rel="icon" href="data:,"><title>{{e.Encode(account.AccountName.Value)}}</title><link rel="stylesheet" href="/site.css"></head>
            <body>
            <main class="profile">
              <h1>{{e.Encode(account.AccountName.Value)}}</h1>
              <p class="account">{{e.Encode(account.AccountId)}}</p>
              <section class="badge" id="badge">
                <img src="/accounts/{{e.Encode(Uri.EscapeDataString(account.AccountId))}}/badge.svg" width="60" height="60" alt="网上标识">
                <dl>
                  <dt>主办单位</dt><dd id="organizer">{{e.Encode(account.InstitutionName.Value)}}</dd>
                  <dt>统一社会信用代码</dt><dd>{{e.Encode(account.Uscc.ToString())}}</dd>
                  <dt>标识编号</dt><dd id="badge-id">{{e.Encode(account.BadgeId ?? string.Empty)}}</dd>
                </dl>
              </section>
              <p><a href="/">← certify another account</a></p>
            </main>
            </body>
            </html>
            """;
    }
}
