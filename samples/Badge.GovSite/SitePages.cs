using System.Text;
using Badge.Sdk.AspNetCore;

namespace Badge.GovSite;

/// <summary>An ordinary site: nothing here knows about the badge.</summary>
internal static class SitePages
{
    private static readonly Encoding Gbk = CodePagesEncoding();

    public static void Map(WebApplication app)
    {
        app.MapGet("/", () => Results.Content(Page("首页", """
            <h2>政务公开</h2>
            <ul>
              <li><a href="/news/1">关于做好网上标识加注工作的通知</a></li>
              <li><a href="/news/2">县人民政府办公室2026年工作要点</a></li>
              <li><a href="/gbk">GBK 编码的旧栏目页</a></li>
              <li><a href="/stream">流式输出的长页面</a></li>
              <li><a href="/about.html">静态页面：关于本站</a></li>
              <li><a href="/placed">Razor 页面：用标签助手自行放置标识</a></li>
              <li><a href="/strict">严格内容安全策略（CSP）下的页面</a></li>
              <li><a href="/plain">选择不显示标识的页面</a></li>
            </ul>
            """), "text/html; charset=utf-8"));

        app.MapGet("/news/{id:int}", (int id) => Results.Content(Page($"新闻 {id}", $"<article><h2>新闻 {id}</h2><p>正文内容。</p></article>"), "text/html; charset=utf-8"));

        app.MapGet("/gbk", () => Results.Bytes(Gbk.GetBytes(Page("旧栏目（GBK）", "<p>这是一个以 GBK 编码输出的旧栏目页面。</p>", "gbk")), "text/html; charset=gbk"));

        app.MapGet("/stream", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>流式页面</title></head><body><h1>流式输出</h1>");
            for (var i = 1; i <= 5; i++)
            {
                await context.Response.WriteAsync($"<p>第 {i} 段，逐段输出。</p>\n");
                await context.Response.Body.FlushAsync();
                await Task.Delay(200);
            }

            await context.Response.WriteAsync("</body></html>");
        });

        app.MapGet("/strict", (HttpContext context) =>
        {
            // A strict Content-Security-Policy: no inline script or style anywhere, the badge included.
            context.Response.Headers.ContentSecurityPolicy = "default-src 'self'";
            return Results.Content(Page("严格内容安全策略", "<p>此页面只允许同源资源，网上标识照常显示。</p>"), "text/html; charset=utf-8");
        });

        app.MapGet("/plain", () => Results.Content(Page("无标识页面", "<p>此端点选择不显示网上标识。</p>"), "text/html; charset=utf-8")).WithoutBadgeFooter();
        app.MapGet("/api/status", () => Results.Json(new { status = "ok" }));
    }

    public static string Page(string title, string body, string charset = "utf-8") => $$"""
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="{{charset}}">
        <title>{{title}} - 万载县人民政府网（演示）</title>
        <link rel="stylesheet" href="/site.css">
        </head>
        <body>
        <header><h1>万载县人民政府网（演示）</h1></header>
        <main>{{body}}</main>
        <footer>主办：万载县人民政府办公室　地址：江西省宜春市万载县</footer>
        </body>
        </html>
        """;

    private static Encoding CodePagesEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("gbk");
    }
}
