using System.Text;
using Badge.Sdk.AspNetCore.Footer.Scanning;

namespace Badge.Sdk.AspNetCore.Tests.Footer.Scanning;

/// <summary>
/// The tokenizer on its own: which <c>&lt;/body&gt;</c> is real, read whole and resumed at every chunk size, on every
/// scan path.
/// </summary>
public sealed class HtmlEndOfBodyTokenizerTests
{
    private static readonly int[] Chunks = [1, 3, 64, int.MaxValue];

    public static TheoryData<string, bool> Pages => new()
    {
        { "<!doctype html><html><body><p>x</p></body></html>", true },
        { "<body><p>x</BODY ></html>", true },
        { "<body><p>x</body foo=\"bar\"></html>", true },
        { "<body><!-- </body> --><p>x</p></body>", true },
        { "<body><!-- a -- b --!></body>", true },
        { "<body><script>var s = \"</body>\"; if (a < b) {}</script></body>", true },
        { "<body><script><!--<script></body></script>--></script></body>", true },
        { "<body><style>/* </body> */ p > q {}</style></body>", true },
        { "<body><textarea></body></textarea></body>", true },
        { "<title></body></title><body></body>", true },
        { "<body><xmp></body></xmp></body>", true },
        { "<body><iframe></body></iframe></body>", true },
        { "<body><noscript></body></noscript></body>", true },
        { "<body><a title=\"</body>\">x</a></body>", true },
        { "<body><a title='</body>'>x</a></body>", true },
        { "<body><template></body></template></body>", true },
        { "<body><template><template></template></body></template></body>", true },
        { "<body><plaintext></body>", false },
        { "<body><p>no end tag", false },
        { "<body><p>a </bodyx> b", false },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public void Run_Page_ReportsOnlyTheRealEndOfBody_OnEveryPathAndChunking(string page, bool lastIsReal)
    {
        var expected = lastIsReal ? new List<long> { Encoding.UTF8.GetByteCount(page[..page.LastIndexOf("</body", StringComparison.OrdinalIgnoreCase)]) } : [];
        foreach (var path in new[] { ScanPath.Exact, ScanPath.Vector256, ScanPath.Best })
        {
            foreach (var chunk in Chunks)
            {
                Assert.True(
                    expected.SequenceEqual(TokenizerDriver.BodyEnds(page, path, chunk)),
                    $"{path}, chunks of {chunk}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", TokenizerDriver.BodyEnds(page, path, chunk))}]");
            }
        }
    }

    [Fact]
    public void Run_RealEndOfBody_StopsRightAfterItsGreaterThan()
    {
        var page = "<body>x</body><!-- after -->"u8;
        var tokenizer = new HtmlEndOfBodyTokenizer(ScanPath.Exact);

        var next = tokenizer.Run(page, 0, 100, out var end);

        Assert.Equal(107, end);
        Assert.Equal("<body>x</body>".Length, next);
    }

    [Theory]
    [InlineData("<html><frameset cols=\"*\"><frame src=a></frameset></html>", true)]
    [InlineData("<html><FRAMESET rows=\"*\"></FRAMESET></html>", true)]
    [InlineData("<body><template><frameset></template></body>", false)]
    [InlineData("<body><!-- <frameset> --><p>frameset</p></body>", false)]
    public void FramesetSeen_OnlyWhereTheTreeBuilderActsOnIt(string page, bool expected)
    {
        foreach (var chunk in Chunks)
        {
            var tokenizer = new HtmlEndOfBodyTokenizer(ScanPath.Exact);
            TokenizerDriver.BodyEnds(tokenizer, Encoding.UTF8.GetBytes(page), chunk);
            Assert.Equal(expected, tokenizer.FramesetSeen);
        }
    }

    [Theory]
    [InlineData("<body>x</body>\n<!-- c -->\n</html>\n", false)]
    [InlineData("<body>x</body> <!doctype html> \t", false)]
    [InlineData("<body>x</body><p>late</p>", true)]
    [InlineData("<body>x</body>\ntext", true)]
    [InlineData("<body>x</body><script></script>", true)]
    public void ContentAfterBody_TellsWhetherAnythingButWhiteSpaceAndCommentsFollows(string page, bool expected)
    {
        foreach (var path in new[] { ScanPath.Exact, ScanPath.Best })
        {
            foreach (var chunk in Chunks)
            {
                var tokenizer = new HtmlEndOfBodyTokenizer(path);
                var ends = TokenizerDriver.BodyEnds(tokenizer, Encoding.UTF8.GetBytes(page), chunk);
                Assert.Single(ends);
                Assert.True(expected == tokenizer.ContentAfterBody, $"{path}, chunks of {chunk}");
            }
        }
    }

    [Fact]
    public void PendingBodyTagStart_EndTagCutInTheMiddle_IsItsLessThanUntilItTurnsOutOtherwise()
    {
        var tokenizer = new HtmlEndOfBodyTokenizer(ScanPath.Exact);
        Assert.Equal(11, tokenizer.Run("<body>x</bo"u8, 0, 0, out _));
        Assert.Equal(7, tokenizer.PendingBodyTagStart);

        tokenizer.Run("dy"u8, 0, 11, out _);
        Assert.Equal(7, tokenizer.PendingBodyTagStart);

        tokenizer.Run("x>"u8, 0, 13, out var end);
        Assert.Equal(-1, end);
        Assert.Equal(-1, tokenizer.PendingBodyTagStart);
        Assert.True(tokenizer.IsInData);
    }

    [Fact]
    public void IsInData_InsideACommentOrTemplate_IsFalse()
    {
        var comment = new HtmlEndOfBodyTokenizer(ScanPath.Exact);
        comment.Run("<body><!-- open"u8, 0, 0, out _);
        Assert.False(comment.IsInData);

        var template = new HtmlEndOfBodyTokenizer(ScanPath.Exact);
        template.Run("<body><template><p>x</p>"u8, 0, 0, out _);
        Assert.False(template.IsInData);

        var data = new HtmlEndOfBodyTokenizer(ScanPath.Exact);
        data.Run("<body><template></template><p>x</p>"u8, 0, 0, out _);
        Assert.True(data.IsInData);
    }
}
