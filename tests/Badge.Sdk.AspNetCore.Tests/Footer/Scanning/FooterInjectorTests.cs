using System.Text;

namespace Badge.Sdk.AspNetCore.Tests.Footer.Scanning;

public sealed class FooterInjectorTests
{
    private static readonly string F = Encoding.ASCII.GetString(InjectorHarness.Fragment);

    private static string Inject(string page, params int[] cuts) => Encoding.UTF8.GetString(InjectorHarness.Run(page, cuts));

    [Theory]
    [InlineData("<html><body><p>x</p></body></html>", "<html><body><p>x</p>{F}</body></html>")]
    [InlineData("<HTML><BODY>x</BODY></HTML>", "<HTML><BODY>x{F}</BODY></HTML>")]
    [InlineData("<body>x</body >", "<body>x{F}</body >")]
    [InlineData("<body>x</body\n>", "<body>x{F}</body\n>")]
    [InlineData("<body>x</body foo=\">\">\n<!-- c -->", "<body>x{F}</body foo=\">\">\n<!-- c -->")]
    [InlineData("<body>x</body foo=\">\">y", "<body>x</body foo=\">\">y{F}")]
    [InlineData("<body>x</bodyx></body>", "<body>x</bodyx>{F}</body>")]
    public void Write_PlacesFragmentBeforeTheRealEndTag(string page, string expected)
    {
        Assert.Equal(expected.Replace("{F}", F, StringComparison.Ordinal), Inject(page));
    }

    [Theory]
    [InlineData("<body><!-- </body> --></body>", 22)]
    [InlineData("<body><script>var s='</body>';</script></body>", 39)]
    [InlineData("<body><style>/* </body> */</style></body>", 34)]
    [InlineData("<body><textarea></body></textarea></body>", 34)]
    [InlineData("<body><title></body></title></body>", 28)]
    [InlineData("<body><xmp></body></xmp></body>", 24)]
    [InlineData("<body><noscript></body></noscript></body>", 34)]
    [InlineData("<body><iframe></body></iframe></body>", 30)]
    [InlineData("<body><noembed></body></noembed></body>", 32)]
    [InlineData("<body><noframes></body></noframes></body>", 34)]
    [InlineData("<body><a title=\"</body>\">t</a></body>", 30)]
    [InlineData("<body><a title='</body>'>t</a></body>", 30)]
    [InlineData("<body><template></body></template></body>", 34)]
    [InlineData("<body><script><!--<script></body></script>--></script></body>", 54)]
    public void Write_IgnoresEndTagsThatAreNotTheEndOfTheBody(string page, int expectedAt)
    {
        var output = Inject(page);

        Assert.Equal(expectedAt, output.IndexOf(F, StringComparison.Ordinal));
        Assert.Equal(page, output.Remove(expectedAt, F.Length));
    }

    [Fact]
    public void Write_AfterPlaintext_NothingIsTheEnd()
    {
        const string Page = "<!doctype html><body><plaintext></body>";

        Assert.Equal(Page, Inject(Page));
    }

    [Fact]
    public void Write_SeveralEndTags_UsesTheLastFollowedByNothingButCommentsAndWhiteSpace()
    {
        const string Page = "<body>a</body><script>s()</script></body><!-- stats -->";

        Assert.Equal("<body>a</body><script>s()</script>" + F + "</body><!-- stats -->", Inject(Page));
    }

    [Fact]
    public void Write_EndTagBeyondTheLookAhead_StillTakesTheLast()
    {
        var padding = new string('x', 100);
        var page = $"<body>a</body>{padding}</body>";

        var output = Encoding.UTF8.GetString(InjectorHarness.Run(Encoding.UTF8.GetBytes(page), [], lookAhead: 64));

        Assert.Equal($"<body>a</body>{padding}{F}</body>", output);
    }

    [Theory]
    [InlineData("<!doctype html><p>no end", true)]
    [InlineData("\uFEFF  <!-- c --> <html><p>no end", true)]
    [InlineData("<head><title>t</title>", true)]
    [InlineData("{\"json\": \"<body>\"}", false)]
    [InlineData("plain text", false)]
    [InlineData("<!doctype html><p><!-- unterminated", false)]
    [InlineData("<!doctype html><p><script>unterminated", false)]
    public void Complete_NoEndTag_AppendsOnlyToPages(string page, bool appended)
    {
        var output = Inject(page);

        Assert.Equal(appended ? page + F : page, output);
    }

    [Fact]
    public void Write_OneByteWrites_SameAsOneWrite()
    {
        const string Page = "<!DOCTYPE html><html><head><title>t</title></head><body><div a='</body>'>x</div><!-- </body> --></BODY></html>";
        var single = Inject(Page);

        var oneByte = Encoding.UTF8.GetString(InjectorHarness.Run(Encoding.UTF8.GetBytes(Page), Enumerable.Range(1, Page.Length - 1).ToArray()));

        Assert.Equal(single, oneByte);
        Assert.Contains(F + "</BODY>", single, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_EveryOneAndTwoCutSplit_GivesTheSameBytes()
    {
        const string Page = "<body><p title=\"</body>\">x</p><script>'</body>'</script></body><script>y</script></body>z";
        var bytes = Encoding.UTF8.GetBytes(Page);
        var expected = InjectorHarness.Run(bytes, []);

        for (var a = 1; a < bytes.Length; a++)
        {
            Assert.Equal(expected, InjectorHarness.Run(bytes, [a]));
            for (var b = a + 1; b < bytes.Length; b++)
            {
                Assert.Equal(expected, InjectorHarness.Run(bytes, [a, b]));
            }
        }
    }

    [Fact]
    public void Write_EndTagSplitThenALongWriteEndingInsideBodyEndTag_StillFindsIt()
    {
        // Found by the differential property test: a held "</" from one write must not make the next long write
        // count as one over-long end tag, or the </body> split at its end is forgotten.
        var page = "<!doctype html><body><table><tr><td>a</td></tr></table>" + new string('x', 3000) + "<p>end</p></BODY></html>";
        var bytes = Encoding.UTF8.GetBytes(page);
        var first = page.IndexOf("</td>", StringComparison.Ordinal) + 2;
        var second = page.IndexOf("</BODY>", StringComparison.Ordinal) + 4;

        var output = Encoding.UTF8.GetString(InjectorHarness.Run(bytes, [first, second]));

        Assert.Equal(Inject(page), output);
        Assert.Contains(F + "</BODY>", output, StringComparison.Ordinal);
    }
}
