using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Badge.Sdk.AspNetCore.Footer;
using CsCheck;
using Badge.Sdk.AspNetCore.Footer.Scanning;

namespace Badge.Sdk.AspNetCore.Tests.Footer.Scanning;

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

    [Theory]
    [InlineData("Vector256")]
    [InlineData("Best")]
    public void FastPath_GivesTheSameOutputAsTheExactTokenizerAlone(string pathName)
    {
        var path = Enum.Parse<ScanPath>(pathName);
        Gen.Int.Sample(seed =>
        {
            var random = new Random(seed);
            var page = Encoding.UTF8.GetBytes(RandomHtml.Document(random, random.Next(200, 20_000), regular: random.Next(3) > 0));
            var exact = InjectorHarness.Run(page, [], path: ScanPath.Exact);
            Assert.Equal(exact, InjectorHarness.Run(page, [], path: path));
            var cuts = new SortedSet<int>();
            for (var i = 0; i < random.Next(1, 40); i++)
            {
                cuts.Add(random.Next(1, page.Length));
            }

            Assert.Equal(exact, InjectorHarness.Run(page, [.. cuts], path: path));
        }, iter: 1_500);
    }

    // Every byte value after "<" and "</" (and in the byte after that), at every offset in a 64-byte block, so the
    // fast paths' classification of a '<' (tag or text, special or ordinary) is checked against the exact tokenizer
    // byte for byte, including non-ASCII bytes and upper case.
    [Theory]
    [InlineData("Vector256")]
    [InlineData("Best")]
    public void FastPath_ClassifiesEveryByteAfterALessThanLikeTheExactTokenizer(string pathName)
    {
        var path = Enum.Parse<ScanPath>(pathName);
        var prefixes = new[]
        {
            "<", "</", "<s", "<S", "<t", "</t", "</b", "</B", "<x", "<p", "<i", "<n", "<!", "</bo", "<sv", "<f", "<fr", "<m", "<ma", "<SV",
            "<no", "<sc", "<pl", "<xm", "<if",
        };
        foreach (var prefix in prefixes)
        {
            for (var value = 0; value < 256; value++)
            {
                var offset = (prefix.Length + value) % 64;
                var page = new List<byte>();
                page.AddRange("<!doctype html><html><body>"u8.ToArray());
                page.AddRange(Encoding.ASCII.GetBytes("<p class=\"a\">" + new string('x', offset) + "</p>"));
                page.AddRange(Encoding.ASCII.GetBytes(prefix));
                page.Add((byte)value);
                // Only the one </body> below decides: real when the '<' before it opened text or a bogus comment
                // (which ends at the first '>'), hidden in a quoted value when it opened a tag.
                page.AddRange("x y=\"a>b</body>c\">d<p>after</p></html>"u8.ToArray());
                page.AddRange(Encoding.ASCII.GetBytes(new string(' ', 200)));
                var bytes = page.ToArray();

                var exact = InjectorHarness.Run(bytes, [], path: ScanPath.Exact);
                Assert.True(
                    exact.AsSpan().SequenceEqual(InjectorHarness.Run(bytes, [], path: path)),
                    $"{path} differs from the exact tokenizer after \"{prefix}\" + 0x{value:X2}");
            }
        }
    }

    // The 512-bit path vouches for the ranges it scanned with no marker candidate, and only the rest is searched:
    // a marker anywhere (in a tag, text, a comment, a script, across block and write boundaries, next to decoys
    // like "nav-badge") must be seen exactly as a plain search of the page sees it.
    [Theory]
    [InlineData("Vector256")]
    [InlineData("Best")]
    public void Marker_IsSeenWhereverThePageCarriesIt(string pathName)
    {
        var path = Enum.Parse<ScanPath>(pathName);
        var pieces = new[]
        {
            "<div class=\"online-badge\" data-online-badge=\"x\"></div>", "data-online-badge=\"", "<!-- data-online-badge=\" -->",
            "<script>var s='data-online-badge=\"';</script>", "<span class=\"nav-badge\">-bad</span>", "data-online-badge", "-bad-badge=\"",
        };
        Gen.Int.Sample(seed =>
        {
            var random = new Random(seed);
            var page = RandomHtml.Document(random, random.Next(200, 6_000), regular: random.Next(3) > 0);
            for (var i = 0; i < random.Next(0, 3); i++)
            {
                page = page.Insert(random.Next(page.Length), pieces[random.Next(pieces.Length)]);
            }

            var bytes = Encoding.UTF8.GetBytes(page);
            var expected = page.Contains("data-online-badge=\"", StringComparison.Ordinal);
            Assert.Equal(expected, Seen(bytes, [], path));
            var cuts = new SortedSet<int>();
            for (var i = 0; i < random.Next(1, 12); i++)
            {
                cuts.Add(random.Next(1, bytes.Length));
            }

            // Once the footer is placed, later writes are not searched: compare with the exact tokenizer's search.
            Assert.Equal(Seen(bytes, [.. cuts], ScanPath.Exact), Seen(bytes, [.. cuts], path));
        }, iter: 1_000);

        static bool Seen(byte[] page, int[] cuts, ScanPath path)
        {
            var injector = new FooterInjector(path: path);
            var start = 0;
            foreach (var cut in cuts.Append(page.Length))
            {
                injector.Write(page.AsSpan(start, cut - start));
                start = cut;
            }

            injector.Complete();
            return injector.MarkerSeen;
        }
    }

    // The marker at every offset in a 64-byte block, and split by a write at every offset within it.
    [Fact]
    public void Marker_IsSeenAtEveryOffsetAndEverySplit()
    {
        var marker = "data-online-badge=\"b\""u8.ToArray();
        for (var offset = 0; offset < 64; offset++)
        {
            var page = new List<byte>();
            page.AddRange("<!doctype html><html><body><p class=\"a\">"u8.ToArray());
            page.AddRange(Encoding.ASCII.GetBytes(new string('x', offset)));
            var at = page.Count;
            page.AddRange("<div "u8.ToArray());
            page.AddRange(marker);
            page.AddRange("></div></p>"u8.ToArray());
            page.AddRange(Encoding.ASCII.GetBytes(new string(' ', 300)));
            page.AddRange("</body></html>"u8.ToArray());
            var bytes = page.ToArray();
            for (var cut = at; cut <= at + marker.Length + 5; cut++)
            {
                var injector = new FooterInjector();
                injector.Write(bytes.AsSpan(0, cut));
                injector.Write(bytes.AsSpan(cut));
                injector.Complete();
                Assert.True(injector.MarkerSeen, $"offset {offset}, cut {cut}");
            }

            var whole = new FooterInjector();
            whole.Write(bytes);
            Assert.True(whole.MarkerSeen, $"offset {offset}, whole");
        }
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
        Assert.Contains(pages, p => p.Contains("<svg viewBox=\"0 0 2 2\"><plaintext>", StringComparison.Ordinal));
        Assert.Contains(pages, p => p.Contains("<foreignObject>", StringComparison.Ordinal));
        Assert.Contains(pages, p => p.Contains("</body></html></div>", StringComparison.Ordinal));
        Assert.Contains(pages, p => p.Contains("<frameset><frame", StringComparison.Ordinal));
    }
}
