using System.Text;

namespace Badge.Sdk.AspNetCore.Footer;

/// <summary>
/// Reads the first KiB of a page: whether it looks like an HTML page (for appending at the end when there is no
/// <c>&lt;/body&gt;</c>) and the charset a <c>&lt;meta&gt;</c> declares, in the spirit of the WHATWG prescan.
/// </summary>
internal sealed class DocumentSniffer
{
    public const int Limit = 1024;

    private readonly byte[] _prefix = new byte[Limit];
    private int _count;
    private bool _evaluated;
    private bool _looksLikePage;
    private string? _metaCharset;

    public bool IsComplete => _count >= Limit;

    /// <summary>Whether the page starts with a UTF-16 byte order mark (then it is not ASCII-compatible).</summary>
    public bool HasUtf16Bom => _count >= 2 && ((_prefix[0] == 0xFE && _prefix[1] == 0xFF) || (_prefix[0] == 0xFF && _prefix[1] == 0xFE));

    public bool LooksLikePage
    {
        get
        {
            Evaluate();
            return _looksLikePage;
        }
    }

    /// <summary>The charset label a <c>&lt;meta charset&gt;</c> or <c>http-equiv</c> declares in the first KiB, or null.</summary>
    public string? MetaCharset
    {
        get
        {
            Evaluate();
            return _metaCharset;
        }
    }

    public void Feed(ReadOnlySpan<byte> data)
    {
        var take = Math.Min(Limit - _count, data.Length);
        data[..take].CopyTo(_prefix.AsSpan(_count));
        _count += take;
        _evaluated = false;
    }

    private void Evaluate()
    {
        if (_evaluated)
        {
            return;
        }

        _evaluated = true;
        var text = Encoding.Latin1.GetString(_prefix, 0, _count);
        _looksLikePage = LooksLike(text);
        _metaCharset = FindMetaCharset(text);
    }

    private static bool LooksLike(string text)
    {
        var i = 0;
        if (text.StartsWith("\u00EF\u00BB\u00BF", StringComparison.Ordinal))
        {
            i = 3;
        }

        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            if (string.CompareOrdinal(text, i, "<!--", 0, 4) == 0)
            {
                var end = text.IndexOf("-->", i + 4, StringComparison.Ordinal);
                if (end < 0)
                {
                    return false;
                }

                i = end + 3;
                continue;
            }

            var rest = text.AsSpan(i);
            return rest.StartsWith("<!doctype", StringComparison.OrdinalIgnoreCase)
                || StartsWithTag(rest, "<html") || StartsWithTag(rest, "<head") || StartsWithTag(rest, "<body");
        }

        return false;
    }

    private static bool StartsWithTag(ReadOnlySpan<char> rest, string open) =>
        rest.StartsWith(open, StringComparison.OrdinalIgnoreCase)
        && (rest.Length == open.Length || rest[open.Length] is '>' or '/' or ' ' or '\t' or '\n' or '\r' or '\f');

    // Looks at each <meta ...> for charset=, or http-equiv content-type content with charset=.
    private static string? FindMetaCharset(string text)
    {
        var i = 0;
        while ((i = text.IndexOf("<meta", i, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var end = text.IndexOf('>', i);
            if (end < 0)
            {
                return null;
            }

            var tag = text[i..end];
            var charset = Attribute(tag, "charset");
            if (!string.IsNullOrWhiteSpace(charset))
            {
                return charset.Trim();
            }

            var content = Attribute(tag, "content");
            if (content is not null && Attribute(tag, "http-equiv") is { } equiv && equiv.Trim().Equals("content-type", StringComparison.OrdinalIgnoreCase))
            {
                var at = content.IndexOf("charset", StringComparison.OrdinalIgnoreCase);
                if (at >= 0)
                {
                    var value = content[(at + 7)..].TrimStart().TrimStart('=').Trim().Trim('"', '\'');
                    var stop = value.IndexOfAny([';', ' ', '"', '\'']);
                    return stop >= 0 ? value[..stop] : value;
                }
            }

            i = end;
        }

        return null;
    }

    private static string? Attribute(string tag, string name)
    {
        var i = 0;
        while ((i = tag.IndexOf(name, i, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var before = i > 0 ? tag[i - 1] : ' ';
            var j = i + name.Length;
            while (j < tag.Length && tag[j] == ' ')
            {
                j++;
            }

            if (char.IsWhiteSpace(before) && j < tag.Length && tag[j] == '=')
            {
                j++;
                while (j < tag.Length && tag[j] == ' ')
                {
                    j++;
                }

                if (j < tag.Length && tag[j] is '"' or '\'')
                {
                    var quote = tag[j];
                    var close = tag.IndexOf(quote, j + 1);
                    return close < 0 ? tag[(j + 1)..] : tag[(j + 1)..close];
                }

                var stop = tag.IndexOfAny([' ', '/', '>'], j);
                return stop < 0 ? tag[j..] : tag[j..stop];
            }

            i = j;
        }

        return null;
    }
}
