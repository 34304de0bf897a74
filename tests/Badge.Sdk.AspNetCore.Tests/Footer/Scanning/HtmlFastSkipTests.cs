using System.Text;
using Badge.Sdk.AspNetCore.Footer;
using Badge.Sdk.AspNetCore.Footer.Scanning;

namespace Badge.Sdk.AspNetCore.Tests.Footer.Scanning;

/// <summary>
/// The fast path on its own. The 512-bit path's byte-permute tables are read by a scalar mirror, so they are checked
/// on machines without AVX-512 VBMI too: every '<' that may open something the exact tokenizer must see is flagged
/// (more is allowed). Both vector paths then run on crafted markup at every block offset, checked against the exact
/// tokenizer.
/// </summary>
public sealed class HtmlFastSkipTests
{
    private static readonly string[] StartNames =
        ["script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title", "template", "plaintext", "svg", "math", "frameset"];

    // The scalar mirrors of each vector path's lookups.
    public static TheoryData<string> Lookups => new() { "256", "512" };

    private static bool Flags(string lookup, ReadOnlySpan<byte> four) =>
        lookup == "256" ? HtmlFastSkip.LookupFlagsLessThan256(four) : HtmlFastSkip.LookupFlagsLessThan(four);

    [Theory]
    [MemberData(nameof(Lookups))]
    public void EverySpecialStartAndEndTag_IsFlagged_InEveryCase(string lookup)
    {
        foreach (var name in StartNames.Select(n => n + ">").Concat(["/body>", "/template>"]))
        {
            var letters = name.TakeWhile(c => c != '>').Count(char.IsAsciiLetter);
            for (var mask = 0; mask < 1 << Math.Min(3, letters); mask++)
            {
                var chars = name.ToCharArray();
                var bit = 0;
                for (var i = 0; i < chars.Length && bit < 3; i++)
                {
                    if (char.IsAsciiLetter(chars[i]))
                    {
                        chars[i] = (mask >> bit++ & 1) == 1 ? char.ToUpperInvariant(chars[i]) : chars[i];
                    }
                }

                var bytes = Encoding.ASCII.GetBytes("<" + new string(chars) + "   ");
                Assert.True(Flags(lookup, bytes), $"{lookup}: <{new string(chars)} is not flagged");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Lookups))]
    public void EveryLessThanThatIsTextOrAMarkupDeclaration_IsFlagged_WhateverFollows(string lookup)
    {
        for (var b1 = 0; b1 < 256; b1++)
        {
            for (var b2 = 0; b2 < 256; b2++)
            {
                foreach (var b3 in new byte[] { 0, (byte)'a', (byte)'>', 0x80, 0xE4, 0xFF })
                {
                    var letter1 = char.IsAsciiLetter((char)b1);
                    var text = !letter1 && b1 != '/';                                   // "<" then not a tag: text, "<!", "<?"
                    var endNonLetter = b1 == '/' && !char.IsAsciiLetter((char)b2);      // "</" then not a letter
                    if (text || endNonLetter)
                    {
                        Assert.True(Flags(lookup, [(byte)'<', (byte)b1, (byte)b2, b3]), $"{lookup}: < 0x{b1:X2} 0x{b2:X2} 0x{b3:X2}");
                    }
                }
            }
        }
    }

    // The tags of an ordinary page: each one flagged would cost a call to the exact check.
    private static readonly string[] Ordinary =
    [
        "<div", "<span", "<section", "<a h", "<li>", "<p c", "</p>", "<form", "<font", "<main", "<meta", "<pre>", "<p>",
        "<strong", "<table", "<td>", "<tr>", "<th>", "<tbody", "</td>", "</tr>", "</div", "</table", "</tbody", "<nav>",
        "<img ", "<h2>", "</h2", "<ul>", "<link", "<input", "<label", "<button", "<header", "<footer", "<figure", "<html",
        "<article", "<br>", "<b>", "</b>", "<em>", "<i>", "<select", "<option", "<object", "<dl>", "</span", "</li>",
    ];

    // (The 512-bit buckets take "<str" along with "<scr" and "<sty".)
    public static TheoryData<string, string> OrdinaryTags =>
        new(Ordinary.SelectMany(tag => tag == "<strong" ? new[] { ("256", tag) } : new[] { ("256", tag), ("512", tag) }));

    [Theory]
    [MemberData(nameof(OrdinaryTags))]
    public void OrdinaryTags_AreNotFlagged(string lookup, string tag)
    {
        Assert.False(Flags(lookup, Encoding.ASCII.GetBytes((tag + "    ")[..4])), $"{lookup}: {tag}");
    }

    // Things the fast path must not skip over (or must skip over correctly), each put after ordinary markup of every
    // length from 0 to 130 bytes, so it falls at every offset of a 64-byte block and across block boundaries.
    private static readonly string[] MustStop =
    [
        "<!-- </body> -->", "<script>if (a < b) x = '</body>';</script>", "<style>p>q{}</style>", "<textarea></body></textarea>",
        "<title>a</title>", "<template></body></template>", "<plaintext>", "<svg><desc></desc></svg>", "<math></math>",
        "<frameset>", "</body>", "</BODY >", "</template>", "<!doctype html>", "<?xml ?>", "< not a tag", "a < b", "</ >",
        "<noscript></body></noscript>", "<xmp></body></xmp>", "<iframe></body></iframe>",
    ];

    // Ordinary or merely irregular markup: the fast path may skip it or hand it to the exact steps.
    private static readonly string[] MayPass =
    [
        "<a title='single'>", "<a title=\"x > y < z\">", "<a href=x>", "<p data-online-badge=\"t\">", "<img alt=\"</body>\">",
        "<a b=c=\"x\">", "<br/>", "<p class=\"\">",
    ];

    private static IEnumerable<string> Crafted => MustStop.Concat(MayPass);

    public static TheoryData<string> Paths => new() { "Vector256", "Vector512" };

    [Theory]
    [MemberData(nameof(Paths))]
    public void Skip_CraftedMarkupAtEveryOffset_StopsWhereTheExactTokenizerIsInDataAndBeforeAnyEndOfBody(string path)
    {
        var scanPath = Select(path);
        foreach (var special in Crafted)
        {
            for (var pad = 0; pad <= 130; pad++)
            {
                var page = Encoding.UTF8.GetBytes(TokenizerDriver.Ordinary(pad) + special + " <p>after</p>" + TokenizerDriver.Ordinary(100) + "</body></html>");
                HtmlFastSkip.Skip(page, 0, scanPath, out var stop, out _, out var markerFreeTo);

                var where = $"{path}, {special} after {pad} bytes: stopped at {stop}";
                Assert.InRange(stop, 0, MustStop.Contains(special) ? pad + special.IndexOf('<') : page.Length);
                var exact = new HtmlEndOfBodyTokenizer(ScanPath.Exact);
                Assert.Empty(TokenizerDriver.BodyEnds(exact, page.AsSpan(0, stop), int.MaxValue));
                Assert.True(exact.IsInData, where);
                if (pad >= 128)
                {
                    Assert.True(stop >= 64, $"{where}: ordinary markup was not skipped");
                }

                var marker = page.AsSpan().IndexOf("data-online-badge=\""u8);
                Assert.True(marker < 0 || marker + 11 >= markerFreeTo, $"{where}: marker vouched for up to {markerFreeTo}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Tokenizer_CraftedPagesOnAFastPath_AgreeWithTheExactSteps(string path)
    {
        var scanPath = Select(path);
        foreach (var special in Crafted)
        {
            foreach (var pad in new[] { 0, 1, 31, 32, 60, 63, 64, 65, 100, 127, 128, 190 })
            {
                var page = Encoding.UTF8.GetBytes(TokenizerDriver.Ordinary(pad) + special + TokenizerDriver.Ordinary(pad) + "</body>" + TokenizerDriver.Ordinary(70) + "</body>\n");
                var exact = new HtmlEndOfBodyTokenizer(ScanPath.Exact);
                var fast = new HtmlEndOfBodyTokenizer(scanPath);

                var expected = TokenizerDriver.BodyEnds(exact, page, int.MaxValue);
                var actual = TokenizerDriver.BodyEnds(fast, page, 97);

                Assert.True(expected.SequenceEqual(actual), $"{path}, {special} after {pad} bytes: [{string.Join(", ", expected)}] vs [{string.Join(", ", actual)}]");
                Assert.Equal(exact.FramesetSeen, fast.FramesetSeen);
                Assert.Equal(exact.ContentAfterBody, fast.ContentAfterBody);
            }
        }
    }

    // Vector512 is ScanPath.Best where the machine has AVX-512 BW and VBMI; elsewhere it would be the 256-bit path
    // again, so the test says it is skipped instead of passing twice.
    private static ScanPath Select(string path)
    {
        if (path == "Vector256")
        {
            return ScanPath.Vector256;
        }

        Assert.SkipUnless(HtmlFastSkip.Vector512Supported, "this machine has no AVX-512 BW and VBMI; the 512-bit path cannot run here");
        return ScanPath.Best;
    }
}
