using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Badge.Sdk.AspNetCore.Footer.Scanning;

/// <summary>
/// The fast path of <see cref="HtmlEndOfBodyTokenizer"/> for ordinary markup: 64 bytes at a time, it finds
/// <c>&lt;</c>, <c>&gt;</c> and quotes with vector compares, derives double-quoted attribute values with a prefix
/// XOR and tags from the alternation of the <c>&lt;</c> and <c>&gt;</c> outside them, and checks that the block is
/// regular: every quote opens right after <c>=</c> inside a tag, no single quote, every <c>&lt;</c> opens from text
/// and every <c>&gt;</c> closes a tag. It stops, at a position where the exact tokenizer is in data, before any
/// <c>&lt;</c> that may open something that can hide <c>&lt;/body&gt;</c> (<c>&lt;!</c>, <c>&lt;?</c>, raw-text
/// and RCDATA elements, <c>template</c>, <c>plaintext</c>, and the context the tree builder needs for it: <c>svg</c>,
/// <c>math</c>; <c>frameset</c>) or is <c>&lt;/body</c> or <c>&lt;/template</c>, and before
/// any irregular block, which the exact tokenizer then reads.
/// </summary>
/// <remarks>
/// <para>Two paths: one 512-bit pass per block with byte-permute lookups for the special <c>&lt;</c> (AVX-512 BW
/// and VBMI), and two 256-bit halves with pair compares elsewhere. Tests run both against the exact tokenizer.</para>
/// <para>Known limit: a <c>"</c> right after <c>=</c> is taken for an opening quote even where the HTML tokenizer,
/// after a parse error, reads it as part of a tag name, an attribute name or an unquoted value
/// (<c>&lt;a b=c="x"&gt;</c>, <c>&lt;a ="x"&gt;</c>, <c>&lt;a="x"&gt;</c>).</para>
/// </remarks>
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
    public static void Skip(ReadOnlySpan<byte> data, int start, out int stopAt, out int resumeAt) =>
        Skip(data, start, ScanPath.Best, out stopAt, out resumeAt, out _);

    /// <summary>Whether the 512-bit path can run here (AVX-512 BW and VBMI).</summary>
    public static bool Vector512Supported => Avx512Vbmi.IsSupported && Avx512BW.IsSupported;

    /// <summary>Skips ordinary markup from <paramref name="start"/> on the given path.</summary>
    /// <param name="data">The bytes.</param>
    /// <param name="start">Where to start; the tokenizer is in data here.</param>
    /// <param name="path">Which vector path to take (tests run both).</param>
    /// <param name="stopAt">Where the exact tokenizer must take over.</param>
    /// <param name="resumeAt">The first index at which the fast path may be tried again.</param>
    /// <param name="markerFreeTo">
    /// The end of the range from <paramref name="start"/> in which no <c>data-online-badge="</c> marker has its second
    /// <c>-</c> (the 512-bit path looks for it on the way; otherwise <paramref name="start"/>: nothing is known).
    /// </param>
    public static void Skip(ReadOnlySpan<byte> data, int start, ScanPath path, out int stopAt, out int resumeAt, out int markerFreeTo)
    {
        if (path == ScanPath.Best && Vector512Supported)
        {
            Skip512(data, start, out stopAt, out resumeAt, out markerFreeTo);
            return;
        }

        Skip256(data, start, out stopAt, out resumeAt);
        markerFreeTo = start;
    }

    private static void Skip256(ReadOnlySpan<byte> data, int start, out int stopAt, out int resumeAt)
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

    // The 512-bit path: one pass per 64-byte block. Which '<' may be special is found Teddy-style: three 128-entry
    // byte tables (vpermi2b) give, for the 1st, 2nd and 3rd byte after each position, the buckets that byte may
    // belong to, and their AND says which buckets match. A bucket may match more than it should (the exact check
    // follows), never less: bytes from 0x80 up are clamped to 0x7F (not a letter) where a bucket needs a non-letter.
    // The start-tag buckets also constrain the third byte after '<' (the 128-entry lookup reads its low 7 bits, so a
    // byte from 0x80 up may only match more).
    private const byte BucketScriptStyle = 0x01;  // <scr, <sty, <ifr, <nos/<noe/<nof, <svg (also <str, <ifs, ...)
    private const byte BucketTitleText = 0x02;    // <te, <ti
    private const byte BucketXmpPlain = 0x04;     // <xmp, <pla, <fra(meset), <mat(h) (also <map, <fla, ...)
    private const byte BucketQuote = 0x08;        // a single quote, whatever follows: irregular
    private const byte BucketMarker = 0x10;       // -bad (of data-online-badge), after '-' rather than '<'
    private const byte BucketText = 0x20;         // <!, <?, and '<' before anything but a letter or '/': text
    private const byte SpecialBuckets = unchecked((byte)~(BucketMarker | BucketQuote));
    private const byte BucketBodyTemplate = 0x40; // </bo, </te
    private const byte BucketEndNonLetter = 0x80; // </ followed by a non-letter

    // Built once and never written again: immutable, so no state is shared between requests.
    private static readonly ImmutableArray<byte> Zeroth = ImmutableCollectionsMarshal.AsImmutableArray(BuildZeroth());
    private static readonly ImmutableArray<byte> First = ImmutableCollectionsMarshal.AsImmutableArray(BuildFirst());
    private static readonly ImmutableArray<byte> Second = ImmutableCollectionsMarshal.AsImmutableArray(BuildSecond());
    private static readonly ImmutableArray<byte> Third = ImmutableCollectionsMarshal.AsImmutableArray(BuildThird());

    // The byte itself: '<' may start the special buckets, '-' the marker's.
    private static byte[] BuildZeroth()
    {
        var t = new byte[128];
        t['<'] = SpecialBuckets;
        t['-'] = BucketMarker;
        t['\''] = BucketQuote;
        return t;
    }

    private static byte[] BuildFirst()
    {
        var t = new byte[128];
        t.AsSpan().Fill(BucketText);
        for (var c = 'a'; c <= 'z'; c++)
        {
            t[c] = t[c - 32] = 0;
        }

        Set(t, "sS", BucketScriptStyle);
        Set(t, "tT", BucketTitleText);
        Set(t, "xXpPfFmM", BucketXmpPlain);
        Set(t, "iInN", BucketScriptStyle);
        t['!'] = t['?'] = BucketText;
        t['/'] = BucketBodyTemplate | BucketEndNonLetter;
        t['b'] |= BucketMarker;
        AddToAll(t, BucketQuote);
        return t;
    }

    private static byte[] BuildSecond()
    {
        var t = new byte[128];
        for (var c = 0; c < 128; c++)
        {
            var letter = (uint)((c | 0x20) - 'a') <= 'z' - 'a';
            t[c] = (byte)(BucketText | (letter ? 0 : BucketEndNonLetter));
        }

        Set(t, "cCtT", BucketScriptStyle);
        Set(t, "eEiI", BucketTitleText);
        Set(t, "mMlLrRaA", BucketXmpPlain);
        Set(t, "fFoOvV", BucketScriptStyle);
        Set(t, "bBtT", BucketBodyTemplate);
        t['a'] |= BucketMarker;
        AddToAll(t, BucketQuote);
        return t;
    }

    private static byte[] BuildThird()
    {
        var t = new byte[128];
        t.AsSpan().Fill(unchecked((byte)~(BucketBodyTemplate | BucketMarker | BucketScriptStyle | BucketXmpPlain)));
        Set(t, "oOeE", BucketBodyTemplate);
        Set(t, "rRyYeEfFsSgG", BucketScriptStyle);
        Set(t, "pPaAtT", BucketXmpPlain);
        t['d'] |= BucketMarker;
        AddToAll(t, BucketQuote);
        return t;
    }

    /// <summary>
    /// Whether the 512-bit lookups flag the <c>&lt;</c> at the start of <paramref name="four"/> (its first four bytes)
    /// as possibly special: the same tables, read as the vector code reads them, for tests on any CPU.
    /// </summary>
    internal static bool LookupFlagsLessThan(ReadOnlySpan<byte> four)
    {
        var buckets = Zeroth[Math.Min(four[0], (byte)0x7F)] & First[Math.Min(four[1], (byte)0x7F)]
            & Second[Math.Min(four[2], (byte)0x7F)] & Third[four[3] & 0x7F];
        return four[0] == '<' && (buckets & SpecialBuckets) != 0;
    }

    private static void AddToAll(byte[] table, byte bits)
    {
        for (var c = 0; c < table.Length; c++)
        {
            table[c] |= bits;
        }
    }

    private static void Set(byte[] table, string bytes, byte bits)
    {
        foreach (var c in bytes)
        {
            table[c] |= bits;
        }
    }

    private static void Skip512(ReadOnlySpan<byte> data, int start, out int stopAt, out int resumeAt, out int markerFreeTo)
    {
        ref var origin = ref MemoryMarshal.GetReference(data);
        var state = new Scan512 { LastDataEnd = start };
        var position = start;
        var markerFree = true;

        // Three bytes beyond each block are read to classify a '<' at its end.
        var lastBlock = data.Length - Block - 3;
        while (true)
        {
            position = RunRegularBlocks512(ref origin, position, lastBlock, ref state, out var block);
            if (position > lastBlock)
            {
                stopAt = state.InData ? position : state.LastDataEnd;
                resumeAt = position;
                markerFreeTo = markerFree ? position : start;
                return;
            }

            // The lookups flag single quotes with the marker candidates (one compare fewer per block): tell them
            // apart here. A single quote is irregular.
            var sq = Vector512.Equals(Vector512.LoadUnsafe(ref origin, (nuint)position), Vector512.Create((byte)'\'')).ExtractMostSignificantBits();

            // Every block before this one had no marker candidate; this one may.
            markerFree &= (block.Marker & ~sq) == 0;
            markerFreeTo = markerFree ? position + Block : start;

            // This block is irregular somewhere or has a '<' that may be special: look closer.
            var irregular = block.Irregular | sq;
            var special = block.Special;
            var limit = irregular == 0 ? Block : BitOperations.TrailingZeroCount(irregular);
            while (special != 0)
            {
                var at = BitOperations.TrailingZeroCount(special);
                if (at >= limit)
                {
                    break;
                }

                if (IsSpecial(data, position + at))
                {
                    // The block is regular up to here, and the '<' opens from data.
                    stopAt = position + at;
                    resumeAt = stopAt + 1;
                    return;
                }

                special &= special - 1;
            }

            if (irregular != 0)
            {
                // Hand the exact tokenizer the last position known to be data before the irregular byte.
                var below = limit == 0 ? 0 : block.Toggles & (ulong.MaxValue >> (Block - limit));
                stopAt = below != 0 ? AfterLastToggle(position, below, block.GtOut)
                    : state.InData ? position
                    : state.LastDataEnd;
                resumeAt = position + limit + 1;
                return;
            }

            // Only candidates that were not special after all: the block is regular.
            state.Accept(position, block);
            position += Block;
        }
    }

    // The hot loop, free of calls so the tables and the state stay in registers: runs blocks from position while
    // they are regular and have no '<' that may be special, and returns where it stopped (past lastBlock when the
    // blocks ran out) with that block's masks.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int RunRegularBlocks512(ref byte origin, int position, int lastBlock, ref Scan512 state, out Block512 block)
    {
        var zerothLo = Vector512.Create(Zeroth.AsSpan(0, 64));
        var zerothHi = Vector512.Create(Zeroth.AsSpan(64, 64));
        var firstLo = Vector512.Create(First.AsSpan(0, 64));
        var firstHi = Vector512.Create(First.AsSpan(64, 64));
        var secondLo = Vector512.Create(Second.AsSpan(0, 64));
        var secondHi = Vector512.Create(Second.AsSpan(64, 64));
        var thirdLo = Vector512.Create(Third.AsSpan(0, 64));
        var thirdHi = Vector512.Create(Third.AsSpan(64, 64));
        var ascii = Vector512.Create((byte)0x7F);
        var ones = Vector128.Create(ulong.MaxValue);
        var inQuote = state.InQuote;
        var inTag = state.InTag;
        var lastEq = state.LastEq;

        // Walks by reference (no index to widen and add per block); the end of the latest block that ended in data
        // is kept as a reference too and turned back into an offset on the way out.
        ref var at = ref Unsafe.Add(ref origin, position);
        ref var last = ref Unsafe.Add(ref origin, lastBlock);
        ref var dataEnd = ref Unsafe.Add(ref origin, state.LastDataEnd);
        block = default;
        while (!Unsafe.IsAddressGreaterThan(ref at, ref last))
        {
            var bytes = Vector512.LoadUnsafe(ref at);
            var lt = Vector512.Equals(bytes, Vector512.Create((byte)'<')).ExtractMostSignificantBits();
            var gt = Vector512.Equals(bytes, Vector512.Create((byte)'>')).ExtractMostSignificantBits();
            var dq = Vector512.Equals(bytes, Vector512.Create((byte)'"')).ExtractMostSignificantBits();
            var eq = Vector512.Equals(bytes, Vector512.Create((byte)'=')).ExtractMostSignificantBits();

            // Where a byte and the three after it fall in some bucket: a '<' there is special (or text), a '-' there
            // may be the marker's, a single quote is irregular (told apart from a marker after the loop).
            var b0 = Vector512.Min(bytes, ascii);
            var b1 = Vector512.Min(Vector512.LoadUnsafe(ref at, 1), ascii);
            var b2 = Vector512.Min(Vector512.LoadUnsafe(ref at, 2), ascii);
            var b3 = Vector512.LoadUnsafe(ref at, 3);
            var buckets = Avx512F.TernaryLogic(
                Avx512Vbmi.PermuteVar64x8x2(firstLo, b1, firstHi),
                Avx512Vbmi.PermuteVar64x8x2(secondLo, b2, secondHi),
                Avx512Vbmi.PermuteVar64x8x2(thirdLo, b3, thirdHi),
                0x80) & Avx512Vbmi.PermuteVar64x8x2(zerothLo, b0, zerothHi);
            var attention = Vector512.GreaterThan(buckets, Vector512<byte>.Zero).ExtractMostSignificantBits();

            var inDq = Pclmulqdq.CarrylessMultiply(Vector128.CreateScalar(dq), ones, 0).ToScalar() ^ inQuote;
            var ltOut = lt & ~inDq;
            var gtOut = gt & ~inDq;
            var toggles = ltOut | gtOut;
            var tag = Pclmulqdq.CarrylessMultiply(Vector128.CreateScalar(toggles), ones, 0).ToScalar() ^ inTag;

            // Irregular (besides a single quote, among the marker candidates): a '<' inside a tag or a '>' outside
            // one; a quote outside a tag; a quote opening other than right after '='. (A '<' that cannot open a tag is a special one: the exact
            // tokenizer reads it as text.)
            var irregular = (toggles & ~(tag ^ gtOut))
                | (dq & ~tag)
                | (dq & inDq & ~((eq << 1) | lastEq));
            var special = ltOut & attention;
            var marker = attention & ~lt;
            if ((irregular | special | marker) != 0)
            {
                block = new Block512(irregular, special, marker, toggles, gtOut, inDq, tag, eq);
                break;
            }

            inQuote = (ulong)((long)inDq >> 63);
            inTag = (ulong)((long)tag >> 63);
            lastEq = eq >> 63;
            at = ref Unsafe.Add(ref at, Block);
            if ((inQuote | inTag) == 0)
            {
                dataEnd = ref at;
            }
        }

        state = new Scan512
        {
            InQuote = inQuote,
            InTag = inTag,
            LastEq = lastEq,
            LastDataEnd = (int)Unsafe.ByteOffset(ref origin, ref dataEnd),
        };
        return (int)Unsafe.ByteOffset(ref origin, ref at);
    }

    // The state carried from block to block: whether the block boundary is inside a quoted value or a tag, whether
    // the byte before it is '=', and the end of the latest block that ended in data (or the start): the place the
    // exact tokenizer resumes from when a block that began inside a tag turns out irregular.
    private struct Scan512
    {
        public ulong InQuote;
        public ulong InTag;
        public ulong LastEq;
        public int LastDataEnd;

        public readonly bool InData => (InTag | InQuote) == 0;

        public void Accept(int position, in Block512 block)
        {
            InQuote = (ulong)((long)block.InDq >> 63);
            InTag = (ulong)((long)block.Tag >> 63);
            LastEq = block.Eq >> 63;
            if (InData)
            {
                LastDataEnd = position + Block;
            }
        }
    }

    private readonly record struct Block512(ulong Irregular, ulong Special, ulong Marker, ulong Toggles, ulong GtOut, ulong InDq, ulong Tag, ulong Eq);

    // Where the tokenizer is in data around the last '<' or '>' of a block: before a '<', after a '>'.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int AfterLastToggle(int blockAt, ulong toggles, ulong gt)
    {
        var last = 63 - BitOperations.LeadingZeroCount(toggles);
        return blockAt + last + (int)((gt >> last) & 1);
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
    // bytes: "<!", "<?", "<sc", "<st", "<te", "<ti", "<xm", "<if", "<no", "<pl", "<sv", "<fr", "<ma", "</bo", "</te",
    // "</" + non-letter.
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
        var raw1 = Vector256.LoadUnsafe(ref origin, (nuint)(at + 1));
        var b1 = raw1 | lower;
        var b2 = Vector256.LoadUnsafe(ref origin, (nuint)(at + 2)) | lower;
        var b3 = Vector256.LoadUnsafe(ref origin, (nuint)(at + 3)) | lower;
        var letter1 = Vector256.LessThan(b1 - Vector256.Create((byte)'a'), Vector256.Create((byte)26));
        var letter2 = Vector256.LessThan(b2 - Vector256.Create((byte)'a'), Vector256.Create((byte)26));
        // Punctuation is compared before lower-casing, which would turn 0x0F into '/' and 0x01 into '!'.
        var slash = Vector256.Equals(raw1, Vector256.Create((byte)'/'));
        var bangOrQuestion = Vector256.Equals(raw1, Vector256.Create((byte)'!')) | Vector256.Equals(raw1, Vector256.Create((byte)'?'));
        startable = (letter1 | slash | bangOrQuestion).ExtractMostSignificantBits();
        Vector256<byte> start;
        if (Avx2.IsSupported)
        {
            // The eleven start-tag pairs, Teddy-style: a nibble lookup on each of the two bytes gives the buckets
            // (one per first letter) the byte may belong to; a position matches where the two share a bucket.
            // Exact on the first letter; on the second, the 's' bucket also takes "sd", "sf" and "ss", which the
            // exact check then turns away. Eight table lookups instead of 22 compares.
            var first = Avx2.Shuffle(StartFirstLow, b1 & Vector256.Create((byte)0x0F)) & Avx2.Shuffle(StartFirstHigh, Vector256.ShiftRightLogical(b1, 4));
            var second = Avx2.Shuffle(StartSecondLow, b2 & Vector256.Create((byte)0x0F)) & Avx2.Shuffle(StartSecondHigh, Vector256.ShiftRightLogical(b2, 4));
            start = ~Vector256.Equals(first & second, Vector256<byte>.Zero);
        }
        else
        {
            start = Pair(b1, b2, 's', 'c') | Pair(b1, b2, 's', 't') | Pair(b1, b2, 't', 'e') | Pair(b1, b2, 't', 'i')
                | Pair(b1, b2, 'x', 'm') | Pair(b1, b2, 'i', 'f') | Pair(b1, b2, 'n', 'o') | Pair(b1, b2, 'p', 'l')
                | Pair(b1, b2, 's', 'v') | Pair(b1, b2, 'f', 'r') | Pair(b1, b2, 'm', 'a');
        }

        var end = slash & (Pair(b2, b3, 'b', 'o') | Pair(b2, b3, 't', 'e') | ~letter2);
        special = (start | end | bangOrQuestion).ExtractMostSignificantBits() & lt;

        static Vector256<byte> Pair(Vector256<byte> first, Vector256<byte> second, char a, char b) =>
            Vector256.Equals(first, Vector256.Create((byte)a)) & Vector256.Equals(second, Vector256.Create((byte)b));
    }

    // The 256-bit path's start-tag buckets, by first letter after '<' (lower-cased): bit 0 s(c|t|v), 1 t(e|i),
    // 2 x(m), 3 i(f), 4 n(o), 5 p(l), 6 f(r), 7 m(a). Each table is indexed by a nibble (vpshufb, so 16 entries
    // repeated in both 128-bit lanes).
    private static readonly Vector256<byte> StartFirstLow = NibbleTable(
        (0x0, 0x20), (0x3, 0x01), (0x4, 0x02), (0x6, 0x40), (0x8, 0x04), (0x9, 0x08), (0xD, 0x80), (0xE, 0x10));

    private static readonly Vector256<byte> StartFirstHigh = NibbleTable((0x6, 0xD8), (0x7, 0x27));

    private static readonly Vector256<byte> StartSecondLow = NibbleTable(
        (0x1, 0x80), (0x2, 0x40), (0x3, 0x01), (0x4, 0x01), (0x5, 0x02), (0x6, 0x09), (0x9, 0x02), (0xC, 0x20), (0xD, 0x04), (0xF, 0x10));

    private static readonly Vector256<byte> StartSecondHigh = NibbleTable((0x6, 0xBF), (0x7, 0x41));

    private static Vector256<byte> NibbleTable(params ReadOnlySpan<(int Nibble, int Buckets)> entries)
    {
        Span<byte> table = stackalloc byte[32];
        foreach (var (nibble, buckets) in entries)
        {
            table[nibble] = (byte)buckets;
            table[nibble + 16] = (byte)buckets;
        }

        return Vector256.Create<byte>(table);
    }

    // Whether the '<' at index may open a construct the exact tokenizer must see (or is text, not a tag).
    private static bool IsSpecial(ReadOnlySpan<byte> data, int index)
    {
        var i = index + 1;
        if (data[i] is (byte)'!' or (byte)'?' || ((uint)((data[i] | 0x20) - 'a') > 'z' - 'a' && data[i] != '/'))
        {
            // A markup declaration or processing instruction, or a '<' that is text.
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
              || n.SequenceEqual("plaintext"u8) || n.SequenceEqual("svg"u8) || n.SequenceEqual("math"u8)
              || n.SequenceEqual("frameset"u8);
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
