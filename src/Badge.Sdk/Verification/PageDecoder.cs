using System.Collections.Frozen;
using System.Text;

namespace Badge.Sdk.Verification;

/// <summary>
/// Decodes a page's bytes the way a browser picks the encoding (WHATWG Encoding and HTML standards, in short): a
/// byte order mark wins; then the <c>Content-Type</c> header's charset; then a <c>&lt;meta&gt;</c> charset in the
/// first 1024 bytes; else UTF-8. A label the Encoding Standard does not know, or maps to "replacement", is ignored
/// as browsers ignore it (UTF-7 and UTF-32 are never honoured, from the header or a meta); a meta naming UTF-16
/// means UTF-8, since a page whose meta could be read as ASCII is not UTF-16. GBK, GB18030, Big5 and the rest come
/// from the code-pages provider, without registering it process-wide.
/// </summary>
internal static class PageDecoder
{
    private const int PrescanBytes = 1024;

    // Labels the Encoding Standard maps to the "replacement" encoding (the whole page becomes one U+FFFD in a browser).
    private static readonly FrozenSet<string> Replacement = new[]
    {
        "csiso2022kr", "hz-gb-2312", "iso-2022-cn", "iso-2022-cn-ext", "iso-2022-kr", "replacement",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static string Decode(ArraySegment<byte> bytes, string? headerCharset)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Encoding.UTF8.GetString(span[3..]);
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(span[2..]);
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(span[2..]);
        }

        var encoding = Resolve(headerCharset, fromMeta: false)
            ?? Resolve(MetaCharset(Encoding.Latin1.GetString(span[..Math.Min(span.Length, PrescanBytes)])), fromMeta: true)
            ?? Encoding.UTF8;
        return encoding.GetString(span);
    }

    /// <summary>The encoding a label names, as a browser would use it, or <see langword="null"/> when it is ignored.</summary>
    internal static Encoding? Resolve(string? label, bool fromMeta)
    {
        label = label?.Trim().Trim('"', '\'').Trim();
        if (string.IsNullOrEmpty(label) || Replacement.Contains(label) || label.Contains("utf-7", StringComparison.OrdinalIgnoreCase)
            || label.Contains("utf7", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        Encoding? encoding;
        try
        {
            encoding = CodePagesEncodingProvider.Instance.GetEncoding(label) ?? Encoding.GetEncoding(label);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            return null;
        }

        return encoding.CodePage switch
        {
            65000 or 12000 or 12001 => null, // UTF-7, UTF-32: not in the Encoding Standard
            1200 or 1201 when fromMeta => Encoding.UTF8,
            _ => encoding,
        };
    }

    // The <meta charset> or <meta http-equiv="content-type" content="…; charset=…"> of the prescan window.
    private static string? MetaCharset(string head)
    {
        foreach (var tag in HtmlTagScanner.StartTags(head))
        {
            if (tag.Name != "meta")
            {
                continue;
            }

            if (HtmlTagScanner.TryGetAttribute(head, tag, "charset", out var charset) && charset.Length > 0)
            {
                return charset;
            }

            if (HtmlTagScanner.TryGetAttribute(head, tag, "content", out var content))
            {
                var at = content.IndexOf("charset", StringComparison.OrdinalIgnoreCase);
                if (at >= 0)
                {
                    var value = content.AsSpan(at + 7).TrimStart();
                    if (value.StartsWith('='))
                    {
                        value = value[1..].Trim().Trim("\"'");
                        var end = value.IndexOfAny(";, \t");
                        return (end < 0 ? value : value[..end]).ToString();
                    }
                }
            }
        }

        return null;
    }
}
