using System.Text;
using Badge.Sdk.AspNetCore.Footer;
using Badge.Sdk.AspNetCore.Footer.Scanning;

namespace Badge.Sdk.AspNetCore.Tests.Footer;

/// <summary>
/// The 512-bit path's byte-permute tables, read by a scalar mirror, so they are checked on machines without
/// AVX-512 VBMI too: every '<' that may open something the exact tokenizer must see is flagged (more is allowed).
/// </summary>
public sealed class HtmlFastSkipTests
{
    private static readonly string[] StartNames =
        ["script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title", "template", "plaintext", "svg", "math", "frameset"];

    [Fact]
    public void EverySpecialStartAndEndTag_IsFlagged_InEveryCase()
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
                Assert.True(HtmlFastSkip.LookupFlagsLessThan(bytes), $"<{new string(chars)} is not flagged");
            }
        }
    }

    [Fact]
    public void EveryLessThanThatIsTextOrAMarkupDeclaration_IsFlagged_WhateverFollows()
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
                        Assert.True(HtmlFastSkip.LookupFlagsLessThan([(byte)'<', (byte)b1, (byte)b2, b3]), $"< 0x{b1:X2} 0x{b2:X2} 0x{b3:X2}");
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData("<div")]
    [InlineData("<span")]
    [InlineData("<section")]
    [InlineData("<a h")]
    [InlineData("<li>")]
    [InlineData("<p c")]
    [InlineData("</p>")]
    [InlineData("<form")]
    [InlineData("<font")]
    [InlineData("<main")]
    [InlineData("<meta")]
    [InlineData("<pre>")]
    public void OrdinaryTags_AreNotFlagged(string tag)
    {
        Assert.False(HtmlFastSkip.LookupFlagsLessThan(Encoding.ASCII.GetBytes(tag)), tag);
    }
}
