using System.Diagnostics.Metrics;
using System.Text;
using AngleSharp.Html.Parser;
using Badge.Sdk.AspNetCore.Footer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Badge.Sdk.AspNetCore.Footer.Scanning;
using Badge.Sdk.AspNetCore.Tests.Footer.Scanning;

namespace Badge.Sdk.AspNetCore.Tests.Footer;

/// <summary>
/// Where the footer goes on pages whose shape misleads a scan for <c>&lt;/body&gt;</c>: a whole document pasted into
/// an article, <c>&lt;plaintext&gt;</c> in foreign content or a <c>&lt;select&gt;</c>, and frameset documents. Every
/// case runs on the exact tokenizer and both fast paths, in one write and cut into pieces.
/// </summary>
public sealed class FooterPlacementTests
{
    private static readonly string F = Encoding.ASCII.GetString(InjectorHarness.Fragment);
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = true });
    private static readonly ScanPath[] Paths = [ScanPath.Exact, ScanPath.Vector256, ScanPath.Best];

    // What every path gives, in one write and in random pieces (all equal), for the default look-ahead.
    private static string Inject(string page, int lookAhead = 16 * 1024)
    {
        var bytes = Encoding.UTF8.GetBytes(page);
        var expected = InjectorHarness.Run(bytes, [], lookAhead, ScanPath.Exact);
        var random = new Random(page.Length);
        foreach (var path in Paths)
        {
            Assert.Equal(expected, InjectorHarness.Run(bytes, [], lookAhead, path));
            for (var round = 0; round < 3; round++)
            {
                var cuts = new SortedSet<int>();
                for (var i = 0; i < random.Next(1, 30); i++)
                {
                    cuts.Add(random.Next(1, bytes.Length));
                }

                Assert.Equal(expected, InjectorHarness.Run(bytes, [.. cuts], lookAhead, path));
            }
        }

        return Encoding.UTF8.GetString(expected);
    }

    // A news page of about 60 KB whose article carries a whole pasted document (as editors paste a WeChat article):
    // its </body> ends the pasted document inside the article's <div>, some 45 KB before the page's own.
    internal static string PastedDocumentPage(string tail = "</body>\n</html>\n")
    {
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>政务公开</title></head>\n<body>\n");
        page.Append("<div class=\"header\"><a href=\"/\">首页</a><a href=\"/xxgk/\">信息公开</a></div>\n");
        page.Append("<div class=\"article\" id=\"article\"><h1>关于印发工作要点的通知</h1>\n");
        for (var i = 0; i < 20; i++)
        {
            page.Append("<p class=\"text\">各乡镇人民政府，县政府各部门：现将工作要点印发给你们，请认真贯彻执行。第").Append(i).Append("段。</p>\n");
        }

        page.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>微信文章</title><style>#js_content{margin:0}</style></head>");
        page.Append("<body id=\"activity-detail\"><div id=\"js_content\">");
        for (var i = 0; i < 30; i++)
        {
            page.Append("<p><span style=\"font-size:15px\">公众号文章正文，第").Append(i).Append("段。</span></p>");
        }

        page.Append("</div><script>var msg_title = \"微信文章\";</script></body></html>\n");
        var paragraph = 0;
        while (Encoding.UTF8.GetByteCount(page.ToString()) < 59_000)
        {
            page.Append("<p class=\"text\">编者按之后的正文继续，附件与解读见下文。第").Append(paragraph++).Append("段。</p>\n");
        }

        page.Append("<p id=\"last\">（本文完）</p></div>\n<div class=\"footer\">版权所有：万载县人民政府</div>\n");
        page.Append("<script src=\"/js/stat.js\"></script>\n");
        page.Append(tail);
        return page.ToString();
    }

    [Fact]
    public void PastedDocument_TheBadgeGoesAtThePagesEnd()
    {
        var page = PastedDocumentPage();
        var firstEnd = page.IndexOf("</body>", StringComparison.Ordinal);
        var lastEnd = page.LastIndexOf("</body>", StringComparison.Ordinal);
        Assert.InRange(Encoding.UTF8.GetByteCount(page), 55_000, 65_000);
        Assert.True(Encoding.UTF8.GetByteCount(page[firstEnd..lastEnd]) > 16 * 1024, "the page's own </body> is beyond the look-ahead");

        var output = Inject(page);

        Assert.Equal(page.Insert(lastEnd, F), output);
        var document = Parser.ParseDocument(output);
        var fragment = Assert.Single(document.QuerySelectorAll("[data-online-badge]"));
        Assert.Null(fragment.Closest("#article"));
        Assert.Same(document.Body, fragment.ParentElement);
        Assert.Equal("footer", fragment.PreviousElementSibling?.PreviousElementSibling?.ClassName);
    }

    [Theory]
    [InlineData("</div>\n")]                                    // no </body> of its own
    [InlineData("</body>\n</html>\n<script>var _hmt = [];</script>\n")] // a statistics script after </html>
    [InlineData("</body>\n</html><p>备案号</p>")]               // content after </html>: it reopens the body
    public void PastedDocument_PageWithContentAfterItsEnd_TheBadgeGoesAtTheEndOfTheStream(string tail)
    {
        var page = PastedDocumentPage(tail);

        var output = Inject(page);

        Assert.Equal(page + F, output);
        var document = Parser.ParseDocument(output);
        var fragment = Assert.Single(document.QuerySelectorAll("[data-online-badge]"));
        Assert.Null(fragment.Closest("#article"));
        Assert.Same(document.Body!.Children[^1], fragment);
    }

    [Theory]
    [InlineData("<body>a</body>\n<!-- stats </body> -->\n</html>\n", 7)]
    [InlineData("<body>a</body><!DOCTYPE html></HTML >  <?php x ?>", 7)]
    [InlineData("<body>a</body>b</body>\r\n", 15)]
    [InlineData("<body>a</body></p></body>", 18)]
    public void EndTag_FollowedOnlyByWhiteSpaceAndComments_GetsTheBadgeBeforeIt(string page, int at)
    {
        var output = Inject(page);

        Assert.Equal(page.Insert(at, F), output);
    }

    [Fact]
    public void EndTag_FollowedByMoreCommentsThanTheLookAhead_TheBadgeGoesAtTheEnd()
    {
        var page = "<body>a</body><!-- " + new string('c', 200) + " -->\n";

        Assert.Equal(page + F, Inject(page, lookAhead: 64));
        Assert.Equal(page.Insert(7, F), Inject(page, lookAhead: 1024));
    }

    [Fact]
    public void EndTag_FollowedByContent_HoldsNothingBackOnceTheContentIsSeen()
    {
        var page = Encoding.UTF8.GetBytes("<body>a</body><p>" + new string('x', 100_000));
        var injector = new FooterInjector();

        injector.Write(page.AsSpan(0, 20));
        injector.Write(page.AsSpan(20));

        Assert.Equal(0, injector.HeldCount);
    }

    [Theory]
    [InlineData("<svg><plaintext>x</plaintext></svg>")]
    [InlineData("<svg viewBox=\"0 0 1 1\"><g><plaintext/><path d=\"M0 0\"/></g></svg>")]
    [InlineData("<math><mrow><plaintext>y</plaintext></mrow></math>")]
    [InlineData("<svg><svg></svg><plaintext>z</plaintext></svg>")]
    [InlineData("<SVG><PLAINTEXT>x</PLAINTEXT></SVG>")]
    [InlineData("<svg><foreignObject><p>f</p></foreignObject><plaintext>after</plaintext></svg>")]
    public void Plaintext_InForeignContent_IsAnElementNotTheEndOfMarkup(string content)
    {
        var page = $"<!doctype html><html><body><p>a</p>{content}<p>after</p></body></html>";
        var at = page.LastIndexOf("</body>", StringComparison.Ordinal);

        var output = Inject(page);

        Assert.Equal(page.Insert(at, F), output);
        var document = Parser.ParseDocument(output);
        Assert.Same(document.Body!.Children[^1], Assert.Single(document.QuerySelectorAll("[data-online-badge]")));
    }

    // Where a browser does switch to plaintext, the rest of the page is text: no footer, rather than one shown as text.
    [Theory]
    [InlineData("<svg><foreignObject><plaintext>")]          // an HTML integration point
    [InlineData("<math><mtext><plaintext>")]                  // a MathML text integration point
    [InlineData("<svg><g><div><plaintext>")]                  // a breakout tag leaves SVG
    [InlineData("<svg/><plaintext>")]                         // a self-closed <svg> holds nothing
    [InlineData("<table><tr><td><svg><path></td></tr></table><plaintext>")] // </td> closes the <svg> left open
    [InlineData("<form><select><option>a<plaintext></select>")] // Chromium 156 reads the rest as text (checked in Chromium)
    public void Plaintext_WhereABrowserActsOnIt_NothingIsTheEnd(string content)
    {
        var page = $"<!doctype html><html><body><p>a</p>{content}<p>after</p></body></html>";

        Assert.Equal(page, Inject(page));
    }

    [Theory]
    [InlineData("<html><head><title>t</title></head></body><frameset cols=\"50%,50%\"><frame src=\"a.html\"><frame src=\"b.html\"></frameset></html>")]
    [InlineData("<html><head><title>t</title></head>\n</body>\n<FRAMESET rows=\"20%,*\"><frame src=\"a.html\"></FRAMESET>\n</html>\n")]
    [InlineData("<!doctype html><html><head></head><frameset><frame src=\"a.html\"></frameset><noframes><body>x</body></noframes></html>")]
    [InlineData("<html><head></head><frameset><frame src=\"a.html\"></frameset></body></html>")]
    public void FramesetDocument_KeepsItsFrames_AndGetsNoFooter(string page)
    {
        foreach (var path in Paths)
        {
            var injector = new FooterInjector(path: path);
            var bytes = Encoding.UTF8.GetBytes(page);
            injector.Write(bytes);
            injector.Complete();
            Assert.True(injector.FramesetDocument, path.ToString());
            Assert.False(injector.Injected, path.ToString());
        }

        var output = Inject(page);

        Assert.Equal(page, output);
        Assert.NotNull(Parser.ParseDocument(output).QuerySelector("frameset"));
    }

    [Theory]
    [InlineData("<svg><frameset/></svg>")]
    [InlineData("<template><frameset></frameset></template>")]
    [InlineData("<noframes><frameset></noframes>")]
    [InlineData("<script>var s = '<frameset>';</script>")]
    public void Frameset_TheTreeBuilderDoesNotActOn_LeavesAnOrdinaryPage(string content)
    {
        var page = $"<!doctype html><html><body><p>a</p>{content}</body></html>";

        Assert.Equal(page.Insert(page.LastIndexOf("</body>", StringComparison.Ordinal), F), Inject(page));
    }

    [Fact]
    public async Task FramesetDocument_IsCountedAsSkippedWithItsReason()
    {
        const string Page = "<html><head><title>t</title></head></body><frameset cols=\"50%,50%\"><frame src=\"a.html\"></frameset></html>";
        var reasons = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == BadgeFooterMetrics.MeterName && instrument.Name == "badge.footer.responses")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "badge.footer.skip_reason")
                {
                    lock (reasons)
                    {
                        reasons.Add((string)tag.Value!);
                    }
                }
            }
        });
        listener.Start();
        await using var host = await FooterHost.StartAsync(Server.Kestrel, app => app.MapGet("/", () => Results.Content(Page, "text/html; charset=utf-8")));

        var body = await host.Client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(Page, body);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline && !reasons.Contains("frameset"))
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.Contains("frameset", reasons);
    }
}
