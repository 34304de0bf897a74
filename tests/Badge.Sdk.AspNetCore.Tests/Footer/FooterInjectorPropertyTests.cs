using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using CsCheck;

namespace Badge.Sdk.AspNetCore.Tests.Footer;

public sealed class FooterInjectorPropertyTests
{
    // Browsers run with scripting on, so <noscript> is raw text; the parser must agree.
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = true });

    [Fact]
    public void SmallDocuments_EveryOneAndTwoCutSplit_GivesTheOutputOfOneWrite()
    {
        Gen.Int.Sample(seed =>
        {
            var page = Encoding.UTF8.GetBytes(RandomHtml.Document(new Random(seed), 60));
            var expected = InjectorHarness.Run(page, []);
            for (var a = 1; a < page.Length; a++)
            {
                Assert.Equal(expected, InjectorHarness.Run(page, [a]));
            }

            var random = new Random(seed);
            for (var n = 0; n < 300; n++)
            {
                var a = random.Next(1, page.Length - 1);
                var b = random.Next(a + 1, page.Length);
                Assert.Equal(expected, InjectorHarness.Run(page, [a, b]));
            }
        }, iter: 60);
    }

    [Fact]
    public void LargeDocuments_RandomChunkings_GiveTheOutputOfOneWrite()
    {
        Gen.Int.Sample(seed =>
        {
            var random = new Random(seed);
            var page = Encoding.UTF8.GetBytes(RandomHtml.Document(random, random.Next(2_000, 40_000)));
            var expected = InjectorHarness.Run(page, []);
            for (var n = 0; n < 5; n++)
            {
                var cuts = new SortedSet<int>();
                var count = random.Next(1, 200);
                for (var i = 0; i < count; i++)
                {
                    cuts.Add(random.Next(1, page.Length));
                }

                Assert.Equal(expected, InjectorHarness.Run(page, [.. cuts]));
            }
        }, iter: 100);
    }

    [Fact]
    public void RandomDocuments_SameDomOnceTheFragmentIsTakenOut() =>
        Gen.Int.Sample(seed => AssertSameDomBesidesTheFragment(RandomHtml.Document(new Random(seed), 400)), iter: 2_000);

    [Fact]
    public void RegularDocuments_SameDomOnceTheFragmentIsTakenOut() =>
        Gen.Int.Sample(seed => AssertSameDomBesidesTheFragment(RandomHtml.Document(new Random(seed), 3_000, regular: true)), iter: 500);

    private static void AssertSameDomBesidesTheFragment(string page)
    {
        var output = Encoding.UTF8.GetString(InjectorHarness.Run(page));
        var before = Parser.ParseDocument(page);
        var after = Parser.ParseDocument(output);
        var fragments = after.QuerySelectorAll("[data-online-badge]");
        if (output.Length == page.Length)
        {
            // Not injected: only where the rule says so (no real </body> and not a page that ends in data).
            Assert.Empty(fragments);
            return;
        }

        var fragment = Assert.Single(fragments);
        Assert.NotNull(fragment.Closest("body"));
        fragment.Remove();
        Assert.Equal(before.DocumentElement.OuterHtml, after.DocumentElement.OuterHtml);
    }

    [Fact]
    public void ClosedDocuments_FragmentIsTheLastChildOfBody()
    {
        Gen.Int.Sample(seed =>
        {
            var random = new Random(seed);
            var body = new StringBuilder();
            for (var i = 0; i < random.Next(1, 6); i++)
            {
                body.Append(random.Next(3) switch
                {
                    0 => "<div class=\"a\" title=\"</body>\"><p>文字</p></div>",
                    1 => "<script>var x='</body>';</script>",
                    _ => "<!-- </body> --><span>s</span>",
                });
            }

            var page = $"<!doctype html><html><head><title>t</title></head><body>{body}</body></html>";
            var after = Parser.ParseDocument(Encoding.UTF8.GetString(InjectorHarness.Run(page)));

            var last = after.Body!.Children[^1];
            Assert.Equal("t", last.GetAttribute("data-online-badge"));
        }, iter: 300);
    }

    [Fact]
    public void FastPath_GivesTheSameOutputAsTheExactTokenizerAlone()
    {
        Gen.Int.Sample(seed =>
        {
            var random = new Random(seed);
            var page = Encoding.UTF8.GetBytes(RandomHtml.Document(random, random.Next(200, 20_000), regular: random.Next(3) > 0));
            var exact = InjectorHarness.Run(page, [], useFastPath: false);
            Assert.Equal(exact, InjectorHarness.Run(page, []));
            var cuts = new SortedSet<int>();
            for (var i = 0; i < random.Next(1, 40); i++)
            {
                cuts.Add(random.Next(1, page.Length));
            }

            Assert.Equal(exact, InjectorHarness.Run(page, [.. cuts]));
        }, iter: 1_500);
    }

    [Fact]
    public void Generator_ProducesTheHardCases()
    {
        var pages = Enumerable.Range(0, 500).Select(seed => RandomHtml.Document(new Random(seed), 400)).ToList();

        Assert.Contains(pages, p => p.Contains("<!-- </body> -->", StringComparison.Ordinal));
        Assert.Contains(pages, p => p.Contains("title=\"</body>\"", StringComparison.Ordinal));
        Assert.Contains(pages, p => p.Contains("<textarea></body>", StringComparison.Ordinal));
        Assert.Contains(pages, p => p.Contains("</BODY>", StringComparison.Ordinal));
        Assert.Contains(pages, p => p.Contains("<plaintext>", StringComparison.Ordinal));
        Assert.Contains(pages, p => p.Contains("<template>", StringComparison.Ordinal));
        Assert.Contains(pages, p => p.Split("</body>").Length > 2);
        Assert.Contains(pages, p => p.Contains("<div><span>open", StringComparison.Ordinal));
    }
}
