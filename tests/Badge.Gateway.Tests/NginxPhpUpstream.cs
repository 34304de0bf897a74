using System.Text;

namespace Badge.Gateway.Tests;

/// <summary>
/// The real upstreams of the gateway tests: nginx (gzip on) serving static pages and a download, PHP pages through
/// php-fpm behind the same nginx, the authority emulator with a website badge, the gateway in front, and the
/// reference site that shows what the middleware makes of the same pages.
/// </summary>
public sealed class NginxPhpUpstream : IAsyncLifetime
{
    public const string Organizer = "万载县人民政府办公室";

    private readonly List<IAsyncDisposable> _owned = [];

    public string? MissingReason { get; } = SystemPackages.Missing(php: true);

    public string Root { get; } = Directory.CreateTempSubdirectory("badge-gateway-").FullName;

    public string Www => Path.Combine(Root, "www");

    public string Gates => Path.Combine(Www, "gates");

    public EmulatorHost Authority { get; private set; } = null!;

    public string BadgeId { get; private set; } = null!;

    internal SystemServer Nginx { get; private set; } = null!;

    public Uri NginxAddress => new($"http://127.0.0.1:{Nginx.Port}/");

    internal GatewayHost Gateway { get; private set; } = null!;

    internal ReferenceSite Reference { get; private set; } = null!;

    public byte[] Download { get; } = RandomBytes(4 * 1024 * 1024);

    public static string StaticPage { get; } = BuildStaticPage();

    public async ValueTask InitializeAsync()
    {
        if (MissingReason is not null)
        {
            return;
        }

        await WriteSiteAsync();
        Authority = await EmulatorHost.StartAsync();
        _owned.Add(Authority);
        var issued = await Authority.Client(EmulatorHost.KeyA).IssueBadgeAsync(EmulatorHost.Website("localhost", organizer: Organizer), TestContext.Current.CancellationToken);
        BadgeId = issued.Id;

        var php = await SystemServer.StartPhpFpmAsync(Path.Combine(Root, "php-fpm"));
        _owned.Add(php);
        Nginx = await SystemServer.StartNginxAsync(Path.Combine(Root, "nginx"), port => NginxServer(port, Www, php.Port));
        _owned.Add(Nginx);

        Gateway = await GatewayHost.StartAsync($"--Gateway:Upstream={NginxAddress}", $"--Badge:Authority={Authority.Address}", $"--Badge:BadgeId={BadgeId}");
        _owned.Add(Gateway);
        Reference = await ReferenceSite.StartAsync(Authority.Address, BadgeId, NginxAddress);
        _owned.Add(Reference);
        await Pages.WaitForBadgeAsync(Gateway.Address);
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        Directory.Delete(Root, recursive: true);
    }

    /// <summary>The nginx server block: static files with gzip, PHP through php-fpm without buffering (so flushes stream).</summary>
    public static string NginxServer(int port, string root, int? phpPort) => $$"""
        server {
            listen 127.0.0.1:{{port}};
            server_name _;
            root {{root}};
            index index.html;
            gzip on;
            gzip_types text/html text/css application/javascript application/json;
            gzip_min_length 20;
            gzip_vary on;
            {{(phpPort is null ? string.Empty : $$"""
            location ~ \.php$ {
                fastcgi_pass 127.0.0.1:{{phpPort}};
                fastcgi_buffering off;
                fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
                fastcgi_param QUERY_STRING $query_string;
                fastcgi_param REQUEST_METHOD $request_method;
                fastcgi_param CONTENT_TYPE $content_type;
                fastcgi_param CONTENT_LENGTH $content_length;
                fastcgi_param REQUEST_URI $request_uri;
                fastcgi_param SERVER_PROTOCOL $server_protocol;
                fastcgi_param REMOTE_ADDR $remote_addr;
            }
            """)}}
        }
        """;

    private async Task WriteSiteAsync()
    {
        Directory.CreateDirectory(Gates);
        var ct = TestContext.Current.CancellationToken;
        await File.WriteAllTextAsync(Path.Combine(Www, "index.html"), StaticPage, ct);
        await File.WriteAllBytesAsync(Path.Combine(Www, "download.bin"), Download, ct);
        await File.WriteAllTextAsync(Path.Combine(Www, "stream.php"), """
            <?php
            header('Content-Type: text/html; charset=utf-8');
            $gate = __DIR__ . '/gates/' . basename($_GET['gate'] ?? 'none');
            echo "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>分段输出</title></head>\n<body>\n<p id=\"first\">第一段 piece one</p>\n";
            echo str_repeat("<!-- padding so the first piece is well clear of any look-ahead -->\n", 64);
            flush();
            for ($i = 0; $i < 300 && !file_exists($gate); $i++) { usleep(100000); }
            echo "<p id=\"second\">第二段 piece two</p>\n";
            flush();
            echo "<script>var done = true;</script>\n</body>\n</html>\n";
            """, ct);
        await File.WriteAllTextAsync(Path.Combine(Www, "echo.php"), """
            <?php
            header('Content-Type: application/json');
            echo json_encode([
                'host' => $_SERVER['HTTP_HOST'] ?? null,
                'xff' => $_SERVER['HTTP_X_FORWARDED_FOR'] ?? null,
                'xfp' => $_SERVER['HTTP_X_FORWARDED_PROTO'] ?? null,
                'xfh' => $_SERVER['HTTP_X_FORWARDED_HOST'] ?? null,
            ]);
            """, ct);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding("GBK");
        await File.WriteAllBytesAsync(Path.Combine(Www, "gbk.php"), [.. gbk.GetBytes("""
            <?php header('Content-Type: text/html; charset=GBK'); ?>
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="GBK"><title>GBK 编码的页面</title></head>
            <body>
            <main><h1>政务公开</h1><p>本页以 GBK 编码输出，由 PHP 生成。</p></main>
            </body>
            </html>
            """)], ct);
    }

    private static string BuildStaticPage()
    {
        var page = new StringBuilder("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head><meta charset=\"utf-8\"><title>万载县人民政府网</title><link rel=\"stylesheet\" href=\"/site.css\"></head>\n<body>\n<header><h1>万载县人民政府网</h1></header>\n<main>\n");
        for (var i = 0; i < 200; i++)
        {
            page.Append("<article><h2>政务动态 ").Append(i).Append("</h2><p>县政府召开常务会议，研究部署近期重点工作。</p></article>\n");
        }

        page.Append("</main>\n<footer><p>主办单位：万载县人民政府办公室</p></footer>\n<script>console.log('loaded');</script>\n</body>\n</html>\n");
        return page.ToString();
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(17).NextBytes(bytes);
        return bytes;
    }
}
