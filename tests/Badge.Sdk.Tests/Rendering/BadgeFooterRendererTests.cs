using System.Text;
using AngleSharp.Html.Parser;
using Badge.Sdk.Certificates;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Badge.Sdk.Rendering;

namespace Badge.Sdk.Tests.Rendering;

public sealed class BadgeFooterRendererTests
{
    private static BadgeCertificate Certificate(string organizer = "万载县人民政府办公室", int version = 3) =>
        Badge.Sdk.TestData.SampleCertificates.Website(version: version, organizer: organizer) with
        {
            CertificateUrl = new Uri("http://127.0.0.1:5280/certificates/bdg-0123456789abcdef0123?x=1&y=2"),
        };

    [Fact]
    public void RenderFooter_IsPureAscii_AndReadsBackAsTheOrganizer()
    {
        var bytes = BadgeFooterRenderer.RenderFooter(Certificate());

        Assert.All(bytes, b => Assert.True(b < 0x80));
        var document = new HtmlParser().ParseDocument("<body>" + Encoding.ASCII.GetString(bytes));
        var div = document.QuerySelector("div.online-badge")!;
        var link = div.QuerySelector("a")!;
        var image = div.QuerySelector("img")!;
        Assert.Equal("bdg-0123456789abcdef0123", div.GetAttribute(BadgeFooterRenderer.MarkerAttribute));
        Assert.Equal("3", div.GetAttribute("data-online-badge-version"));
        Assert.Equal("http://127.0.0.1:5280/certificates/bdg-0123456789abcdef0123?x=1&y=2", link.GetAttribute("href"));
        Assert.Equal("_blank", link.GetAttribute("target"));
        Assert.Equal("noopener", link.GetAttribute("rel"));
        Assert.Equal("/_badge/bdg-0123456789abcdef0123.svg?v=3", image.GetAttribute("src"));
        Assert.Equal("网上标识：万载县人民政府办公室", image.GetAttribute("alt"));
        Assert.Equal("110", image.GetAttribute("width"));
        Assert.Equal("128", image.GetAttribute("height"));
        Assert.Equal("/_badge/badge.css", div.QuerySelector("link")!.GetAttribute("href"));
    }

    [Fact]
    public void RenderFooter_HasNoInlineScriptOrStyle()
    {
        var html = Encoding.ASCII.GetString(BadgeFooterRenderer.RenderFooter(Certificate()));
        var document = new HtmlParser().ParseDocument("<body>" + html);

        Assert.Empty(document.QuerySelectorAll("script, style, [style]"));
        Assert.DoesNotContain(document.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.Ordinal));
    }

    [Fact]
    public void RenderFooter_EncodesEveryValueOnce()
    {
        const string Evil = "<script>alert(\"x\")</script>&amp;局";
        var html = Encoding.ASCII.GetString(BadgeFooterRenderer.RenderFooter(Certificate(Evil)));
        var document = new HtmlParser().ParseDocument("<body>" + html);

        Assert.Empty(document.QuerySelectorAll("script"));
        Assert.Equal("网上标识：" + Evil, document.QuerySelector("img")!.GetAttribute("alt"));
    }

    [Theory]
    [InlineData(BadgePlacement.Center, "online-badge--center")]
    [InlineData(BadgePlacement.Left, "online-badge--left")]
    [InlineData(BadgePlacement.Right, "online-badge--right")]
    public void RenderFooter_PlacementIsAClass(BadgePlacement placement, string className)
    {
        var html = Encoding.ASCII.GetString(BadgeFooterRenderer.RenderFooter(Certificate(), new BadgeFooterRenderOptions { Placement = placement }));

        Assert.Contains($"class=\"online-badge {className}\"", html, StringComparison.Ordinal);
        Assert.Contains("." + className, Encoding.ASCII.GetString(BadgeFooterRenderer.Stylesheet), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://cdn.test/b")]
    [InlineData("//cdn.test/b")]
    [InlineData("badge")]
    [InlineData("")]
    public void RenderFooter_AssetPathOffTheSiteOrigin_IsRefused(string path)
    {
        var ex = Assert.Throws<ArgumentException>(() => BadgeFooterRenderer.RenderFooter(Certificate(), new BadgeFooterRenderOptions { AssetPath = path }));

        Assert.Contains("AssetPath", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderEmbedCode_LoadsAsyncWithNoscriptFallback()
    {
        var code = BadgeFooterRenderer.RenderEmbedCode(
            "bdg-1", new Uri("http://a.test/badges/bdg-1.js"), new Uri("http://a.test/certificates/bdg-1"), new Uri("http://a.test/badges/bdg-1.svg"), "单位\"<b>");
        var document = new HtmlParser(new HtmlParserOptions { IsScripting = false }).ParseDocument("<body><div>" + code + "</div>");

        var script = document.QuerySelector("script")!;
        Assert.True(script.HasAttribute("async"));
        Assert.Equal("bdg-1", script.GetAttribute("data-badge-id"));
        Assert.Equal("http://a.test/certificates/bdg-1", document.QuerySelector("noscript a")!.GetAttribute("href"));
        Assert.Equal("网上标识：单位\"<b>", document.QuerySelector("noscript img")!.GetAttribute("alt"));
        Assert.DoesNotContain("document.write", code, StringComparison.Ordinal);
        Assert.True(code.All(c => c < 128));
    }
}

public sealed class LegacyBadgeDetectorTests
{
    // The pasted loader, as DOMAIN.md gives it.
    private const string Pasted = """<script type="text/javascript">document.write(unescape("%3Cspan id='_ideConac' %3E%3C/span%3E%3Cscript src='http://dcs.conac.cn/js/15/225/0839/41639239/CA152250839416392390001.js' type='text/javascript'%3E%3C/script%3E"));</script>""";

    private const string Rendered = """<span id="_ideConac"><a href="//bszs.conac.cn/sitename?method=show&id=0A1B2C3D4E5F60718293A4B5C6D7E8F9" target="_blank"><img id="imgConac" vspace="0" hspace="0" border="0" src="//dcs.conac.cn/image/red.png" data-bd-imgshare-binded="1"></a></span>""";

    [Fact]
    public void Find_PastedLoader_ReportsItsScript()
    {
        var page = $"<html><body><p>x</p><div style=\"text-align:center\">{Pasted}</div></body></html>";

        var match = Assert.Single(LegacyBadgeDetector.Find(page));

        Assert.Equal(LegacyBadgeForm.PastedLoader, match.Form);
        Assert.Equal(page.IndexOf("<script", StringComparison.Ordinal), match.Index);
        Assert.Equal(Pasted.Length, match.Length);
        Assert.Equal("http://dcs.conac.cn/js/15/225/0839/41639239/CA152250839416392390001.js", match.LoaderUrl);
    }

    [Fact]
    public void Find_RenderedSpan_ReportsTheLegacyId()
    {
        var page = $"<body><p>x</p>{Rendered}</body>";

        var match = Assert.Single(LegacyBadgeDetector.Find(page));

        Assert.Equal(LegacyBadgeForm.Rendered, match.Form);
        Assert.Equal("0a1b2c3d4e5f60718293a4b5c6d7e8f9", match.LegacyId);
        Assert.Equal(Rendered, page.Substring(match.Index, match.Length));
    }

    [Theory]
    [InlineData("<body><p>no badge here</p><script>document.write('x')</script></body>")]
    [InlineData("<body><span id=\"other\">_ideConac is mentioned in text</span></body>")]
    public void Find_NoLegacyBadge_FindsNothing(string page)
    {
        Assert.Empty(LegacyBadgeDetector.Find(page));
        Assert.False(LegacyBadgeDetector.Contains(page));
    }
}
