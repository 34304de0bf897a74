using System.Buffers;
using System.Text;
using Badge.Sdk.AspNetCore.Footer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Badge.Sdk.AspNetCore.Tests.Footer;

public sealed class LegacyBadgeReplacerTests
{
    private const string Pasted = """<script type="text/javascript">document.write(unescape("%3Cspan id='_ideConac' %3E%3C/span%3E%3Cscript src='http://dcs.conac.cn/js/15/225/0839/41639239/CA152250839416392390001.js' type='text/javascript'%3E%3C/script%3E"));</script>""";
    private const string Rendered = """<span id="_ideConac"><a href="//bszs.conac.cn/sitename?method=show&id=0A1B2C3D4E5F60718293A4B5C6D7E8F9" target="_blank"><img id="imgConac" src="//dcs.conac.cn/image/red.png"></a></span>""";
    private static readonly byte[] Fragment = "<div data-online-badge=\"new\">NEW</div>"u8.ToArray();

    private static string Replace(string page, params int[] cuts)
    {
        var replacer = new LegacyBadgeReplacer(Fragment);
        var output = new ArrayBufferWriter<byte>();
        var bytes = Encoding.UTF8.GetBytes(page);
        var start = 0;
        foreach (var cut in cuts.Append(bytes.Length))
        {
            replacer.Write(bytes.AsSpan(start, cut - start), output);
            start = cut;
        }

        replacer.Complete(output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    [Theory]
    [InlineData(Pasted)]
    [InlineData(Rendered)]
    public void Legacy_IsReplacedInPlace_WhateverTheSplit(string legacy)
    {
        var page = $"<!doctype html><body><p>政务</p><div class=\"footer\">{legacy}</div></body></html>";
        var expected = page.Replace(legacy, "<div data-online-badge=\"new\">NEW</div>", StringComparison.Ordinal);

        Assert.Equal(expected, Replace(page));
        var length = Encoding.UTF8.GetByteCount(page);
        for (var cut = 1; cut < length; cut++)
        {
            Assert.Equal(expected, Replace(page, cut));
        }
    }

    // A legacy badge commented out shows nothing: replacing it would leave the page without a badge, so it stays
    // (and the footer then goes at </body>); one after the comment is still replaced, whatever the split.
    [Theory]
    [InlineData(Pasted)]
    [InlineData(Rendered)]
    public void Legacy_InsideAComment_IsLeftAlone(string legacy)
    {
        foreach (var comment in new[] { $"<!-- {legacy} -->", $"<!--{legacy}-->", $"<!-- a -- b {legacy} --!>" })
        {
            var page = $"<!doctype html><body><p>政务</p>{comment}<!----><!-->x<!--->y</body></html>";
            Assert.Equal(page, Replace(page));
            var length = Encoding.UTF8.GetByteCount(page);
            for (var cut = 1; cut < length; cut += 7)
            {
                Assert.Equal(page, Replace(page, cut));
            }

            var after = page.Replace("y</body>", $"y{legacy}</body>", StringComparison.Ordinal);
            var expected = page.Replace("y</body>", "y<div data-online-badge=\"new\">NEW</div></body>", StringComparison.Ordinal);
            Assert.Equal(expected, Replace(after));
            for (var cut = 1; cut < Encoding.UTF8.GetByteCount(after); cut += 5)
            {
                Assert.Equal(expected, Replace(after, cut));
            }
        }
    }

    [Theory]
    [InlineData("<body><script>var _ideConac = 1;</script></body>")]
    [InlineData("<body><p>_ideConac</p></body>")]
    [InlineData("<body><span id=\"_ideConac\">unfinished")]
    public void NotLegacyMarkup_IsLeftAlone(string page)
    {
        Assert.Equal(page, Replace(page));
    }

    [Fact]
    public async Task Middleware_ReplacesLegacyBadge_AndAddsNothingAtBodyEnd()
    {
        var page = $"<!doctype html><html><body><p>x</p><div style=\"text-align:center\">{Pasted}</div></body></html>";
        await using var host = await FooterHost.StartAsync(Server.Kestrel, app => app.MapGet("/", () => Results.Content(page, "text/html")), options: o => o.ReplaceLegacyBadge = true);

        var body = await host.Client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.DoesNotContain("_ideConac", body, StringComparison.Ordinal);
        Assert.Single(body.Split("data-online-badge=\"").Skip(1));
        Assert.Contains("<div style=\"text-align:center\"><div class=\"online-badge", body, StringComparison.Ordinal);
        Assert.EndsWith("</a></div></div></body></html>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Middleware_WithACommentedOutLegacyBadge_AddsTheFooterAtBodyEnd()
    {
        var page = $"<!doctype html><html><body><p>x</p><!-- {Pasted} --></body></html>";
        await using var host = await FooterHost.StartAsync(Server.Kestrel, app => app.MapGet("/", () => Results.Content(page, "text/html")), options: o => o.ReplaceLegacyBadge = true);

        var body = await host.Client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains($"<!-- {Pasted} -->", body, StringComparison.Ordinal);
        Assert.Single(body.Split("data-online-badge=\"").Skip(1));
        Assert.EndsWith("</a></div></body></html>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Middleware_WithoutTheOption_LeavesLegacyBadgeAndAddsTheFooter()
    {
        var page = $"<!doctype html><html><body><div>{Rendered}</div></body></html>";
        await using var host = await FooterHost.StartAsync(Server.TestServer, app => app.MapGet("/", () => Results.Content(page, "text/html")));

        var body = await host.Client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains(Rendered, body, StringComparison.Ordinal);
        Assert.Contains("data-online-badge=\"bdg-1\"", body, StringComparison.Ordinal);
    }
}
