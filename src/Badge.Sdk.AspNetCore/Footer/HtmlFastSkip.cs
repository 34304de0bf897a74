using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Badge.Sdk.AspNetCore.Footer;

/// <summary>
/// The fast path of <see cref="HtmlEndOfBodyTokenizer"/> for ordinary markup: 64 bytes at a time, it finds
/// <c>&lt;</c>, <c>&gt;</c> and quotes with vector compares, derives double-quoted attribute values with a prefix
/// XOR and tags from the alternation of the <c>&lt;</c> and <c>&gt;</c> outside them, and checks that the block is
/// regular: every quote opens right after <c>=</c> inside a tag, no single quote, every <c>&lt;</c> opens from text
/// and every <c>&gt;</c> closes a tag. It stops, at a position where the exact tokenizer is in data, before any
/// <c>&lt;</c> that may open something that can hide <c>&lt;/body&gt;</c> (<c>&lt;!</c>, <c>&lt;?</c>, raw-text
/// and RCDATA elements, <c>template</c>, <c>plaintext</c>) or is <c>&lt;/body</c> or <c>&lt;/template</c>, and before
/// any irregular block, which the exact tokenizer then reads.
/// </summary>
internal static class HtmlFastSkip
{
    private const int Block = 64;

    /// <summary>
    /// Skips ordinary markup from <paramref name="start"/>, where the tokenizer is in data.
    /// </summary>
    /// <param name="data">The bytes.</param>
    /// <param name="start">Where to start; the tokenizer is in data here.</param>
    /// <param name="stopAt">Where the exact tokenizer must take over: the returned index.</param>
    /// <param name="resumeAt">The first index at which the fast path may be tried again.</param>
    public static void Skip(ReadOnlySpan<byte> data, int start, out int stopAt, out int resumeAt)
    {
        stopAt = start;
        resumeAt = start;
        if (!Vector256.IsHardwareAccelerated)
        {
            resumeAt = data.Length;
            return;
        }

        ref var origin = ref MemoryMarshal.GetReference(data);
        var lastData = start;
        var inQuote = 0UL;
        var inTag = 0UL;
        var lastEq = 0UL;
        var position = start;

        // Three bytes beyond each block are read to classify a '<' at its end.
        while (position + Block + 3 <= data.Length)
        {
            Classify(ref origin, position, out var lt, out var gt, out var dq, out var sq, out var eq, out var specialAfter, out var tagStartable);

            // Both readings of the block (starting outside or inside a quoted value) are worked out independently
            // of the previous block; only the choice between them waits for it, which keeps blocks overlapping.
            var quoted = PrefixXor(dq);
            var toggles0 = (lt | gt) & ~quoted;
            var toggles1 = (lt | gt) & quoted;
            var tag0 = PrefixXor(toggles0);
            var tag1 = PrefixXor(toggles1);
            var inDq = quoted ^ inQuote;
            var toggles = (toggles0 & ~inQuote) | (toggles1 & inQuote);
            var tag = ((tag0 & ~inQuote) | (tag1 & inQuote)) ^ inTag;
            var dqBefore = inDq ^ dq;
            var ltOut = lt & ~inDq;
            var gtOut = gt & ~inDq;
            var tagBefore = tag ^ toggles;

            var openers = dq & ~dqBefore;
            var eqBefore = (eq << 1) | lastEq;
            var irregular = sq
                | (ltOut & tagBefore)
                | (gtOut & ~tagBefore)
                | (dq & ~tagBefore)
                | (openers & ~eqBefore);

            var special = ltOut & specialAfter;
            irregular |= ltOut & ~tagStartable;
            var limit = irregular == 0 ? Block : BitOperations.TrailingZeroCount(irregular);
            while (special != 0)
            {
                var at = BitOperations.TrailingZeroCount(special);
                if (at > limit)
                {
                    break;
                }

                if (IsSpecial(data, position + at))
                {
                    // The block is regular up to here, and the '<' opens from data.
                    if (at < limit || (irregular & (1UL << at)) == 0)
                    {
                        stopAt = position + at;
                        resumeAt = stopAt + 1;
                        return;
                    }

                    break;
                }

                special &= special - 1;
            }

            if (irregular != 0)
            {
                // Hand the exact tokenizer the last position known to be data before the irregular byte.
                var below = limit == 0 ? 0 : toggles & (ulong.MaxValue >> (Block - limit));
                if (below != 0)
                {
                    var last = 63 - BitOperations.LeadingZeroCount(below);
                    lastData = position + last + (int)((gtOut >> last) & 1);
                }
                else if (inTag == 0 && inQuote == 0)
                {
                    lastData = position;
                }

                stopAt = lastData;
                resumeAt = position + limit + 1;
                return;
            }

            inQuote = (inDq >> 63) != 0 ? ulong.MaxValue : 0;
            inTag = (tag >> 63) != 0 ? ulong.MaxValue : 0;
            lastEq = eq >> 63;
            if (inTag == 0 && inQuote == 0)
            {
                lastData = position + Block;
            }
            else if (toggles != 0)
            {
                var last = 63 - BitOperations.LeadingZeroCount(toggles);
                lastData = position + last + (int)((gtOut >> last) & 1);
            }

            position += Block;
        }

        stopAt = lastData;
        resumeAt = position;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Classify(
        ref byte origin, int position, out ulong lt, out ulong gt, out ulong dq, out ulong sq, out ulong eq, out ulong special, out ulong startable)
    {
        Half(ref origin, position, out var lt0, out var gt0, out var dq0, out var sq0, out var eq0, out var special0, out var startable0);
        Half(ref origin, position + 32, out var lt1, out var gt1, out var dq1, out var sq1, out var eq1, out var special1, out var startable1);
        lt = lt0 | ((ulong)lt1 << 32);
        gt = gt0 | ((ulong)gt1 << 32);
        dq = dq0 | ((ulong)dq1 << 32);
        sq = sq0 | ((ulong)sq1 << 32);
        eq = eq0 | ((ulong)eq1 << 32);
        special = special0 | ((ulong)special1 << 32);
        startable = startable0 | ((ulong)startable1 << 32);
    }

    // One 32-byte half (a single 64-byte Vector512 pass measured no faster here, so one code path serves all): where '<', '>', quotes and '=' are, which '<' can open a tag at all (a letter, '/', '!' or
    // '?' after it), and which may open something the exact tokenizer must see, judged by the next two or three
    // bytes: "<!", "<?", "<sc", "<st", "<te", "<ti", "<xm", "<if", "<no", "<pl", "</bo", "</te", "</" + non-letter.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Half(
        ref byte origin, int at, out uint lt, out uint gt, out uint dq, out uint sq, out uint eq, out uint special, out uint startable)
    {
        var bytes = Vector256.LoadUnsafe(ref origin, (nuint)at);
        var ltVector = Vector256.Equals(bytes, Vector256.Create((byte)'<'));
        lt = ltVector.ExtractMostSignificantBits();
        gt = Vector256.Equals(bytes, Vector256.Create((byte)'>')).ExtractMostSignificantBits();
        dq = Vector256.Equals(bytes, Vector256.Create((byte)'"')).ExtractMostSignificantBits();
        sq = Vector256.Equals(bytes, Vector256.Create((byte)'\'')).ExtractMostSignificantBits();
        eq = Vector256.Equals(bytes, Vector256.Create((byte)'=')).ExtractMostSignificantBits();
        if (lt == 0)
        {
            special = 0;
            startable = 0;
            return;
        }

        var lower = Vector256.Create((byte)0x20);
        var b1 = Vector256.LoadUnsafe(ref origin, (nuint)(at + 1)) | lower;
        var b2 = Vector256.LoadUnsafe(ref origin, (nuint)(at + 2)) | lower;
        var b3 = Vector256.LoadUnsafe(ref origin, (nuint)(at + 3)) | lower;
        var letter1 = Vector256.LessThan(b1 - Vector256.Create((byte)'a'), Vector256.Create((byte)26));
        var letter2 = Vector256.LessThan(b2 - Vector256.Create((byte)'a'), Vector256.Create((byte)26));
        var slash = Vector256.Equals(b1, Vector256.Create((byte)'/'));
        var bangOrQuestion = Vector256.Equals(b1, Vector256.Create((byte)'!')) | Vector256.Equals(b1, Vector256.Create((byte)'?'));
        startable = (letter1 | slash | bangOrQuestion).ExtractMostSignificantBits();
        var start = Pair(b1, b2, 's', 'c') | Pair(b1, b2, 's', 't') | Pair(b1, b2, 't', 'e') | Pair(b1, b2, 't', 'i')
            | Pair(b1, b2, 'x', 'm') | Pair(b1, b2, 'i', 'f') | Pair(b1, b2, 'n', 'o') | Pair(b1, b2, 'p', 'l');
        var end = slash & (Pair(b2, b3, 'b', 'o') | Pair(b2, b3, 't', 'e') | ~letter2);
        special = (start | end | bangOrQuestion).ExtractMostSignificantBits() & lt;

        static Vector256<byte> Pair(Vector256<byte> first, Vector256<byte> second, char a, char b) =>
            Vector256.Equals(first, Vector256.Create((byte)a)) & Vector256.Equals(second, Vector256.Create((byte)b));
    }

    // Whether the '<' at index may open a construct the exact tokenizer must see.
    private static bool IsSpecial(ReadOnlySpan<byte> data, int index)
    {
        var i = index + 1;
        if (data[i] is (byte)'!' or (byte)'?')
        {
            return true;
        }

        var end = data[i] == '/';
        if (end)
        {
            i++;
            if ((uint)((data[i] | 0x20) - 'a') > 'z' - 'a')
            {
                return true;
            }
        }

        Span<byte> name = stackalloc byte[10];
        var length = 0;
        while (i < data.Length)
        {
            var c = data[i];
            if (c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\f' or (byte)'\r' or (byte)'/' or (byte)'>')
            {
                break;
            }

            if (length == name.Length)
            {
                return false;
            }

            name[length++] = (uint)(c - 'A') <= 'Z' - 'A' ? (byte)(c | 0x20) : c;
            i++;
        }

        if (i >= data.Length)
        {
            // The name runs past what we have: let the exact tokenizer read it.
            return true;
        }

        var n = name[..length];
        return end
            ? n.SequenceEqual("body"u8) || n.SequenceEqual("template"u8)
            : n.SequenceEqual("script"u8) || n.SequenceEqual("style"u8) || n.SequenceEqual("xmp"u8) || n.SequenceEqual("iframe"u8)
              || n.SequenceEqual("noembed"u8) || n.SequenceEqual("noframes"u8) || n.SequenceEqual("noscript"u8)
              || n.SequenceEqual("textarea"u8) || n.SequenceEqual("title"u8) || n.SequenceEqual("template"u8)
              || n.SequenceEqual("plaintext"u8);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong PrefixXor(ulong x)
    {
        if (Pclmulqdq.IsSupported)
        {
            return Pclmulqdq.CarrylessMultiply(Vector128.CreateScalar(x), Vector128.Create(ulong.MaxValue), 0).ToScalar();
        }

        x ^= x << 1;
        x ^= x << 2;
        x ^= x << 4;
        x ^= x << 8;
        x ^= x << 16;
        x ^= x << 32;
        return x;
    }
}
