using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Badge.Gateway.Tests;

/// <summary>The gateway in front of a real nginx (gzip on) and PHP through php-fpm.</summary>
public sealed class GatewayUpstreamTests(NginxPhpUpstream upstream) : IClassFixture<NginxPhpUpstream>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Client(DecompressionMethods decompression = DecompressionMethods.None) =>
        new(new SocketsHttpHandler { AutomaticDecompression = decompression, AllowAutoRedirect = false }) { BaseAddress = upstream.Gateway.Address };

    [Fact]
    public async Task StaticPage_GetsOneFooter_ByteIdenticalToTheMiddleware()
    {
        SystemPackages.Require(upstream.MissingReason);
        using var http = Client();

        var page = await http.GetByteArrayAsync("/index.html", Ct);
        var expected = await upstream.Reference.GetAsync("/index.html");

        Pages.AssertOneFooterBeforeBodyEnd(page);
        Assert.Equal(expected, page);
        Assert.StartsWith(NginxPhpUpstream.StaticPage[..200], Encoding.UTF8.GetString(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GzippedStaticPage_IsRecompressed_WithTheSameFooter()
    {
        SystemPackages.Require(upstream.MissingReason);
        using var http = Client();
        using var direct = new HttpClient { BaseAddress = upstream.NginxAddress };
        using var ask = new HttpRequestMessage(HttpMethod.Get, "/index.html");
        ask.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var directAsk = new HttpRequestMessage(HttpMethod.Get, "/index.html");
        directAsk.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));

        using var response = await http.SendAsync(ask, Ct);
        using var fromNginx = await direct.SendAsync(directAsk, Ct);
        var compressed = await response.Content.ReadAsByteArrayAsync(Ct);
        var page = Gunzip(compressed);

        Assert.Equal("gzip", Assert.Single(fromNginx.Content.Headers.ContentEncoding));
        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        Pages.AssertOneFooterBeforeBodyEnd(page);
        Assert.Equal(await upstream.Reference.GetAsync("/index.html"), page);
        Assert.True(compressed.Length < page.Length / 2, $"the page went out compressed ({compressed.Length} of {page.Length} bytes)");
    }

    [Fact]
    public async Task PhpPageFlushedInPieces_StreamsTheFirstPieceBeforeTheRestExists()
    {
        SystemPackages.Require(upstream.MissingReason);
        using var http = Client();
        var gate = Guid.NewGuid().ToString("N");

        // The page holds its second piece until the gate file exists; the test opens the gate only after it has
        // read the first piece through the gateway. A gateway that buffered the page would never show the first.
        using var response = await http.GetAsync($"/stream.php?gate={gate}", HttpCompletionOption.ResponseHeadersRead, Ct);
        await using var body = await response.Content.ReadAsStreamAsync(Ct);
        var received = new MemoryStream();
        var buffer = new byte[4096];
        using (var firstPiece = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            firstPiece.CancelAfter(TimeSpan.FromSeconds(20));
            while (!Encoding.UTF8.GetString(received.ToArray()).Contains("piece one</p>", StringComparison.Ordinal))
            {
                var read = await body.ReadAsync(buffer, firstPiece.Token);
                Assert.NotEqual(0, read);
                received.Write(buffer, 0, read);
            }
        }

        Assert.DoesNotContain("piece two", Encoding.UTF8.GetString(received.ToArray()), StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(upstream.Gates, gate), "open", Ct);
        await body.CopyToAsync(received, Ct);
        var page = received.ToArray();

        Assert.Null(response.Content.Headers.ContentLength);
        Pages.AssertOneFooterBeforeBodyEnd(page);
        Assert.Equal(await upstream.Reference.GetAsync($"/stream.php?gate={gate}"), page);
    }

    [Fact]
    public async Task GbkPhpPage_GetsTheFooterInGbk_ByteIdenticalToTheMiddleware()
    {
        SystemPackages.Require(upstream.MissingReason);
        using var http = Client();

        using var response = await http.GetAsync("/gbk.php", Ct);
        var page = await response.Content.ReadAsByteArrayAsync(Ct);
        var gbk = Encoding.GetEncoding("GBK");

        Assert.Equal("GBK", response.Content.Headers.ContentType?.CharSet, ignoreCase: true);
        Pages.AssertOneFooterBeforeBodyEnd(page);
        Assert.Equal(await upstream.Reference.GetAsync("/gbk.php"), page);
        Assert.Contains("本页以 GBK 编码输出", gbk.GetString(page), StringComparison.Ordinal);
        Assert.Contains(NginxPhpUpstream.Organizer, WebUtility.HtmlDecode(gbk.GetString(page)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upstream_SeesTheClientsHost_AndForwardedHeaders()
    {
        SystemPackages.Require(upstream.MissingReason);
        using var http = Client();
        using var ask = new HttpRequestMessage(HttpMethod.Get, "/echo.php");
        ask.Headers.Host = "www.wanzai.gov.test";
        // A client cannot plant its own X-Forwarded-For: the gateway sets it.
        ask.Headers.Add("X-Forwarded-For", "203.0.113.9");

        using var response = await http.SendAsync(ask, Ct);
        using var echo = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal("www.wanzai.gov.test", echo.RootElement.GetProperty("host").GetString());
        Assert.Equal("127.0.0.1", echo.RootElement.GetProperty("xff").GetString());
        Assert.Equal("http", echo.RootElement.GetProperty("xfp").GetString());
        Assert.Equal("www.wanzai.gov.test", echo.RootElement.GetProperty("xfh").GetString());
    }

    [Fact]
    public async Task ConditionalGet_Answers304_AndHeadAnswersWithoutABody()
    {
        SystemPackages.Require(upstream.MissingReason);
        using var http = Client();

        using var first = await http.GetAsync("/index.html", Ct);
        var etag = first.Headers.ETag;
        using var again = new HttpRequestMessage(HttpMethod.Get, "/index.html");
        again.Headers.IfNoneMatch.Add(etag!);
        using var notModified = await http.SendAsync(again, Ct);
        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/index.html"), Ct);

        Assert.NotNull(etag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(etag, head.Headers.ETag);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task DownloadsAndRanges_PassThroughUntouched()
    {
        SystemPackages.Require(upstream.MissingReason);
        using var http = Client();
        using var range = new HttpRequestMessage(HttpMethod.Get, "/download.bin");
        range.Headers.Range = new RangeHeaderValue(1_000_000, 1_000_999);

        using var whole = await http.GetAsync("/download.bin", HttpCompletionOption.ResponseHeadersRead, Ct);
        var bytes = await whole.Content.ReadAsByteArrayAsync(Ct);
        using var partial = await http.SendAsync(range, Ct);

        Assert.Equal(upstream.Download.Length, whole.Content.Headers.ContentLength);
        Assert.Equal(upstream.Download, bytes);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(upstream.Download.AsSpan(1_000_000, 1000).ToArray(), await partial.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task HealthEndpoint_ReportsTheBadgeAndTheUpstream()
    {
        SystemPackages.Require(upstream.MissingReason);
        using var http = Client();

        using var response = await http.GetAsync("/_gateway/health", Ct);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var checks = report.RootElement.GetProperty("checks");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", report.RootElement.GetProperty("status").GetString());
        Assert.StartsWith($"{upstream.BadgeId} active", checks.GetProperty("badges").GetProperty("data").GetProperty("*").GetString(), StringComparison.Ordinal);
        Assert.Equal("reachable", checks.GetProperty("upstreams").GetProperty("data").GetProperty("upstream/upstream").GetString());
        Assert.DoesNotContain(upstream.Nginx.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), report.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    private static byte[] Gunzip(byte[] compressed)
    {
        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }
}
