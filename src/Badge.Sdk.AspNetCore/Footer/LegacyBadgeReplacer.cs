using System.Buffers;
using System.Text;
using Badge.Sdk.Rendering;

namespace Badge.Sdk.AspNetCore.Footer;

/// <summary>
/// Replaces the predecessor system's badge in a streamed page, in place, with the new footer: the pasted
/// <c>document.write(unescape(…_ideConac…))</c> loader script, or a rendered <c>span#_ideConac</c>.
/// Holds back the last <see cref="Lookbehind"/> bytes (where a legacy element's start may be) and, once its
/// marker is seen, at most <see cref="MaxElement"/> bytes until the element closes. A legacy badge inside an HTML
/// comment is left alone (it shows nothing, so replacing it would leave the page without a badge).
/// </summary>
internal sealed class LegacyBadgeReplacer
{
    public const int Lookbehind = 256;
    public const int MaxElement = 4096;

    private readonly byte[] _fragment;
    private byte[] _pending = new byte[1024];
    private int _count;

    // Whether the bytes emitted so far end inside a comment.
    private CommentState _comments;

    public LegacyBadgeReplacer(byte[] fragment) => _fragment = fragment;

    /// <summary>How many legacy badges were replaced.</summary>
    public int Replaced { get; private set; }

    private static ReadOnlySpan<byte> Marker => "_ideConac"u8;

    public void Write(ReadOnlySpan<byte> input, ArrayBufferWriter<byte> output)
    {
        if (_count + input.Length > _pending.Length)
        {
            Array.Resize(ref _pending, Math.Max(_count + input.Length, _pending.Length * 2));
        }

        input.CopyTo(_pending.AsSpan(_count));
        _count += input.Length;
        Process(output, final: false);
    }

    public void Complete(ArrayBufferWriter<byte> output) => Process(output, final: true);

    private void Process(ArrayBufferWriter<byte> output, bool final)
    {
        var from = 0;
        while (true)
        {
            var span = _pending.AsSpan(0, _count);
            var found = span[from..].IndexOf(Marker);
            if (found < 0)
            {
                Emit(output, final ? _count : Math.Max(0, _count - Lookbehind));
                return;
            }

            var marker = from + found;
            var windowStart = Math.Max(0, marker - Lookbehind);
            var start = LastTagStart(span[windowStart..marker], out var isScript);
            if (start < 0)
            {
                from = marker + 1;
                continue;
            }

            start += windowStart;
            var endTag = isScript ? "</script"u8 : "</span"u8;
            var close = IndexOfIgnoreCase(span[marker..], endTag);
            var gt = close < 0 ? -1 : span[(marker + close)..].IndexOf((byte)'>');
            if (gt < 0)
            {
                if (!final && _count - start <= MaxElement)
                {
                    // The element is not complete yet: pass on what precedes it and wait.
                    Emit(output, start);
                    return;
                }

                from = marker + 1;
                continue;
            }

            var end = marker + close + gt + 1;
            var element = Encoding.Latin1.GetString(span[start..end]);
            var match = LegacyBadgeDetector.Find(element);
            var atStart = _comments;
            atStart.Advance(span[..start]);
            if (match.Count == 1 && match[0].Index == 0 && match[0].Length == element.Length && !atStart.InComment)
            {
                Emit(output, start);
                output.Write(_fragment);
                Drop(end - start);
                Replaced++;
                from = 0;
                continue;
            }

            from = marker + 1;
        }
    }

    private void Emit(ArrayBufferWriter<byte> output, int count)
    {
        if (count <= 0)
        {
            return;
        }

        output.Write(_pending.AsSpan(0, count));
        _comments.Advance(_pending.AsSpan(0, count));
        Drop(count);
    }

    private void Drop(int count)
    {
        _pending.AsSpan(count, _count - count).CopyTo(_pending);
        _count -= count;
    }

    // The last "<script" or "<span" (any case) in the window.
    private static int LastTagStart(ReadOnlySpan<byte> window, out bool isScript)
    {
        isScript = false;
        for (var i = window.Length - 5; i >= 0; i--)
        {
            if (window[i] != '<')
            {
                continue;
            }

            var rest = window[(i + 1)..];
            if (StartsWithIgnoreCase(rest, "script"u8))
            {
                isScript = true;
                return i;
            }

            if (StartsWithIgnoreCase(rest, "span"u8))
            {
                return i;
            }
        }

        return -1;
    }

    private static int IndexOfIgnoreCase(ReadOnlySpan<byte> span, ReadOnlySpan<byte> lowerValue)
    {
        for (var i = 0; i + lowerValue.Length <= span.Length; i++)
        {
            if (span[i] == lowerValue[0] && StartsWithIgnoreCase(span[i..], lowerValue))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> span, ReadOnlySpan<byte> lowerValue) =>
        span.Length >= lowerValue.Length && System.Text.Ascii.EqualsIgnoreCase(span[..lowerValue.Length], lowerValue);

    // Just enough of comments to tell whether a position is inside one: "<!--" opens, "-->" (or "--!>") closes, and
    // "<!-->" and "<!--->" are empty comments. Fed bytes in order, in pieces cut anywhere.
    private struct CommentState
    {
        // Outside: how much of "<!--" was matched. Inside: how many dashes in a row just went by (and whether
        // the comment just opened, when "<!-->" and "<!--->" close it at once).
        private int _matched;
        private bool _justOpened;
        private bool _bang;

        public bool InComment { get; private set; }

        public void Advance(ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
            {
                if (!InComment)
                {
                    _matched = b switch
                    {
                        (byte)'<' => 1,
                        (byte)'!' when _matched == 1 => 2,
                        (byte)'-' when _matched is 2 or 3 => _matched + 1,
                        _ => 0,
                    };
                    if (_matched == 4)
                    {
                        InComment = true;
                        _justOpened = true;
                        _matched = 0;
                        _bang = false;
                    }

                    continue;
                }

                if (b == '-')
                {
                    _matched++;
                    _bang = false;
                    continue;
                }

                if (b == '>' && (_matched >= 2 || (_bang && _matched == 0) || (_justOpened && _matched <= 1)))
                {
                    InComment = false;
                    _matched = 0;
                    continue;
                }

                // "--!" may be followed by '>' to close.
                _bang = b == '!' && _matched >= 2;
                _matched = 0;
                _justOpened = false;
            }
        }
    }
}
