using System.Text;

namespace Badge.Sdk.AspNetCore.Footer.Scanning;

/// <summary>
/// Reads the first KiB of a page: whether it looks like an HTML page (for appending at the end when there is no
/// <c>&lt;/body&gt;</c>) and the charset a <c>&lt;meta&gt;</c> declares, in the spirit of the WHATWG prescan.
/// Works on the bytes (no text is decoded), and keeps a copy only when the first KiB arrives in pieces.
/// </summary>
internal sealed class DocumentSniffer
{
    public const int Limit = 1024;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private byte[]? _prefix;
    private int _count;
    private bool _evaluated;
    private bool _looksLikePage;
    private bool _utf16Bom;
    private string? _metaCharset;

    public bool IsComplete => _count >= Limit;

    /// <summary>Whether the page starts with a UTF-16 byte order mark (then it is not ASCII-compatible).</summary>
    public bool HasUtf16Bom
    {
        get
        {
            Evaluate();
            return _utf16Bom;
        }
    }

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
        if (_count == 0 && data.Length >= Limit)
        {
            // The common case: the first write holds the whole first KiB, read where it is.
            EvaluateOn(data[..Limit]);
            _count = Limit;
            return;
        }

        var take = Math.Min(Limit - _count, data.Length);
        _prefix ??= new byte[Limit];
        data[..take].CopyTo(_prefix.AsSpan(_count));
        _count += take;
        _evaluated = false;
    }

    private void Evaluate()
    {
        if (!_evaluated)
        {
            EvaluateOn(_prefix.AsSpan(0, _count));
        }
    }

    private void EvaluateOn(ReadOnlySpan<byte> prefix)
    {
        _evaluated = true;
        _utf16Bom = prefix.Length >= 2 && ((prefix[0] == 0xFE && prefix[1] == 0xFF) || (prefix[0] == 0xFF && prefix[1] == 0xFE));
        _looksLikePage = LooksLike(prefix);
        _metaCharset = FindMetaCharset(prefix);
    }

    private static bool LooksLike(ReadOnlySpan<byte> text)
    {
        if (text.StartsWith(Utf8Bom))
        {
            text = text[3..];
        }

        while (!text.IsEmpty)
        {
            if (char.IsWhiteSpace((char)text[0]))
            {
                text = text[1..];
                continue;
            }

            if (text.StartsWith("<!--"u8))
            {
                var end = text[4..].IndexOf("-->"u8);
                if (end < 0)
                {
                    return false;
                }

                text = text[(4 + end + 3)..];
                continue;
            }

            return StartsWithIgnoreCase(text, "<!doctype"u8)
                || StartsWithTag(text, "<html"u8) || StartsWithTag(text, "<head"u8) || StartsWithTag(text, "<body"u8);
        }

        return false;
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> ascii) =>
        text.Length >= ascii.Length && Ascii.EqualsIgnoreCase(text[..ascii.Length], ascii);

    private static bool StartsWithTag(ReadOnlySpan<byte> rest, ReadOnlySpan<byte> open) =>
        StartsWithIgnoreCase(rest, open)
        && (rest.Length == open.Length || rest[open.Length] is (byte)'>' or (byte)'/' or (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f');

    // Where an ASCII word first occurs in text, in any case, or -1.
    private static int IndexOfIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> word)
    {
        var first = word[0];
        var offset = 0;
        while (true)
        {
            var at = text[offset..].IndexOfAny(first, (byte)(first ^ 0x20));
            if (at < 0)
            {
                return -1;
            }

            offset += at;
            if (StartsWithIgnoreCase(text[offset..], word))
            {
                return offset;
            }

            offset++;
        }
    }

    // Looks at each <meta ...> for charset=, or http-equiv content-type content with charset=.
    private static string? FindMetaCharset(ReadOnlySpan<byte> text)
    {
        int at;
        while ((at = IndexOfIgnoreCase(text, "<meta"u8)) >= 0)
        {
            text = text[at..];
            var end = text.IndexOf((byte)'>');
            if (end < 0)
            {
                return null;
            }

            var tag = text[..end];
            if (Attribute(tag, "charset"u8, out var charset) && !IsBlank(charset))
            {
                return Label(Trim(charset));
            }

            if (Attribute(tag, "content"u8, out var content)
                && Attribute(tag, "http-equiv"u8, out var equiv) && Ascii.EqualsIgnoreCase(Trim(equiv), "content-type"u8))
            {
                var name = IndexOfIgnoreCase(content, "charset"u8);
                if (name >= 0)
                {
                    var value = Trim(Trim(content[(name + 7)..]).TrimStart((byte)'=')).Trim("\"'"u8);
                    var stop = value.IndexOfAny("; \"'"u8);
                    return Label(stop >= 0 ? value[..stop] : value);
                }
            }

            text = text[end..];
        }

        return null;
    }

    private static bool Attribute(ReadOnlySpan<byte> tag, ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        var i = 0;
        int at;
        while ((at = IndexOfIgnoreCase(tag[i..], name)) >= 0)
        {
            i += at;
            var before = i > 0 ? tag[i - 1] : (byte)' ';
            var j = i + name.Length;
            while (j < tag.Length && tag[j] == ' ')
            {
                j++;
            }

            if (char.IsWhiteSpace((char)before) && j < tag.Length && tag[j] == '=')
            {
                j++;
                while (j < tag.Length && tag[j] == ' ')
                {
                    j++;
                }

                if (j < tag.Length && tag[j] is (byte)'"' or (byte)'\'')
                {
                    var close = tag[(j + 1)..].IndexOf(tag[j]);
                    value = close < 0 ? tag[(j + 1)..] : tag.Slice(j + 1, close);
                    return true;
                }

                var stop = tag[j..].IndexOfAny(" />"u8);
                value = stop < 0 ? tag[j..] : tag.Slice(j, stop);
                return true;
            }

            i = j;
        }

        value = default;
        return false;
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> value)
    {
        var start = 0;
        while (start < value.Length && char.IsWhiteSpace((char)value[start]))
        {
            start++;
        }

        var end = value.Length;
        while (end > start && char.IsWhiteSpace((char)value[end - 1]))
        {
            end--;
        }

        return value[start..end];
    }

    private static bool IsBlank(ReadOnlySpan<byte> value) => Trim(value).IsEmpty;

    // The label as a string; the usual one without allocating.
    private static string Label(ReadOnlySpan<byte> value) =>
        Ascii.EqualsIgnoreCase(value, "utf-8"u8) ? "utf-8" : Encoding.Latin1.GetString(value);
}
