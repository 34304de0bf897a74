namespace Badge.Sdk.Verification;

/// <summary>
/// A start tag found by <see cref="HtmlTagScanner"/>: where it starts and ends in the page, its lower-case name, and
/// where its attributes are (read on demand with <see cref="HtmlTagScanner.TryGetAttribute"/>).
/// </summary>
internal readonly record struct HtmlTag(int Start, int End, string Name, int AttributesStart, int AttributesEnd)
{
    /// <summary>The length of the tag's markup, <c>&lt;</c> to <c>&gt;</c>.</summary>
    public int Length => End - Start;
}

/// <summary>
/// Walks the start tags of a page in one linear pass, the way the HTML tokenizer splits them: comments, doctypes,
/// processing instructions and end tags are skipped; the contents of <c>script</c>, <c>style</c>, <c>textarea</c>,
/// <c>title</c>, <c>xmp</c>, <c>iframe</c>, <c>noembed</c> and <c>noframes</c> are text; a quoted attribute value
/// may hold <c>&gt;</c>; a tag left open at the end of the page is dropped. Every character is looked at a bounded
/// number of times, so no page (a 2 MB run of <c>&lt;div </c>, say) can make the work grow faster than the page.
/// The verifier's replacement for regular expressions, which backtrack on such pages.
/// </summary>
internal static class HtmlTagScanner
{
    private static readonly string[] RawText = ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"];

    /// <summary>The start tags of <paramref name="html"/> from <paramref name="from"/>, in document order.</summary>
    public static IEnumerable<HtmlTag> StartTags(string html, int from = 0)
    {
        var i = from;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0 || lt + 1 >= html.Length)
            {
                yield break;
            }

            var c = html[lt + 1];
            if (c == '!')
            {
                i = html.AsSpan(lt).StartsWith("<!--", StringComparison.Ordinal) ? After(html, "-->", lt + 4) : After(html, ">", lt + 2);
                continue;
            }

            if (c == '?')
            {
                i = After(html, ">", lt + 2);
                continue;
            }

            if (c == '/')
            {
                i = lt + 2 < html.Length && char.IsAsciiLetter(html[lt + 2]) ? TagEnd(html, lt + 2) : lt + 2;
                continue;
            }

            if (!char.IsAsciiLetter(c))
            {
                i = lt + 1;
                continue;
            }

            var nameEnd = lt + 1;
            while (nameEnd < html.Length && !IsNameEnd(html[nameEnd]))
            {
                nameEnd++;
            }

            var end = TagEnd(html, nameEnd);
            if (end > html.Length)
            {
                // Open at the end of the page: the tokenizer drops it.
                yield break;
            }

            var name = html.Substring(lt + 1, nameEnd - lt - 1).ToLowerInvariant();
            yield return new HtmlTag(lt, end, name, nameEnd, end - 1);
            i = end;
            if (Array.IndexOf(RawText, name) >= 0)
            {
                // Text until the matching end tag, which is looked for case-insensitively.
                var close = html.IndexOf("</" + name, end, StringComparison.OrdinalIgnoreCase);
                i = close < 0 ? html.Length : close;
            }
        }
    }

    /// <summary>The value of attribute <paramref name="name"/> (ASCII, case-insensitive) of <paramref name="tag"/>, undecoded.</summary>
    public static bool TryGetAttribute(string html, HtmlTag tag, string name, out string value)
    {
        var i = tag.AttributesStart;
        var end = tag.AttributesEnd;
        while (i < end)
        {
            while (i < end && (IsSpace(html[i]) || html[i] == '/'))
            {
                i++;
            }

            if (i >= end)
            {
                break;
            }

            var nameStart = i;
            // An attribute name may start with '='; after that it runs to a space, '/', '>' or '='.
            i++;
            while (i < end && !IsSpace(html[i]) && html[i] is not ('/' or '='))
            {
                i++;
            }

            var attributeName = html.AsSpan(nameStart, Math.Min(i, end) - nameStart);
            while (i < end && IsSpace(html[i]))
            {
                i++;
            }

            string? attributeValue = null;
            if (i < end && html[i] == '=')
            {
                i++;
                while (i < end && IsSpace(html[i]))
                {
                    i++;
                }

                if (i < end && html[i] is '"' or '\'')
                {
                    var quote = html[i];
                    var close = html.IndexOf(quote, i + 1, end - i - 1);
                    close = close < 0 ? end : close;
                    attributeValue = html.Substring(i + 1, close - i - 1);
                    i = close + 1;
                }
                else
                {
                    var start = i;
                    while (i < end && !IsSpace(html[i]))
                    {
                        i++;
                    }

                    attributeValue = html.Substring(start, i - start);
                }
            }

            if (attributeName.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                value = attributeValue ?? string.Empty;
                return true;
            }
        }

        value = string.Empty;
        return false;
    }

    // The index just past the '>' that ends a tag whose attributes start at `i` (quoted values may hold '>'), or
    // past the end of the page when it never ends.
    private static int TagEnd(string html, int i)
    {
        var afterEquals = false;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '>')
            {
                return i + 1;
            }

            if (afterEquals && c is '"' or '\'')
            {
                var close = html.IndexOf(c, i + 1);
                if (close < 0)
                {
                    return html.Length + 1;
                }

                i = close + 1;
                afterEquals = false;
                continue;
            }

            if (c == '=')
            {
                afterEquals = true;
            }
            else if (!IsSpace(c))
            {
                afterEquals = false;
            }

            i++;
        }

        return html.Length + 1;
    }

    private static int After(string html, string terminator, int from)
    {
        var at = html.IndexOf(terminator, Math.Min(from, html.Length), StringComparison.Ordinal);
        return at < 0 ? html.Length : at + terminator.Length;
    }

    private static bool IsNameEnd(char c) => IsSpace(c) || c is '/' or '>';

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';
}
