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
/// and VBMI), and two 256-bit halves with low-nibble lookups (AVX2); without AVX2 the exact tokenizer reads
/// everything. Tests run both paths against the exact tokenizer.</para>
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
    /// <c>-</c> (the vector paths look for it on the way; <paramref name="start"/> where nothing is known).
    /// </param>
    public static void Skip(ReadOnlySpan<byte> data, int start, ScanPath path, out int stopAt, out int resumeAt, out int markerFreeTo)
    {
        var wide = path == ScanPath.Best && Vector512Supported;
        if (!wide && !Vector256Supported)
        {
            // No vector path here: the exact tokenizer reads everything.
            stopAt = start;
            resumeAt = data.Length;
            markerFreeTo = start;
            return;
        }

        SkipBlocks(data, start, wide, out stopAt, out resumeAt, out markerFreeTo);
    }

    /// <summary>Whether the 256-bit path can run here (AVX2 and carry-less multiplication).</summary>
    public static bool Vector256Supported => Avx2.IsSupported && Pclmulqdq.IsSupported;

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

    // Both vector paths: a hot loop runs blocks while they are regular and have nothing to look at closer; this
    // checks the block it stopped at (a '<' that may be special, a single quote, an irregular byte, a marker
    // candidate) and goes on or hands over.
    private static void SkipBlocks(ReadOnlySpan<byte> data, int start, bool wide, out int stopAt, out int resumeAt, out int markerFreeTo)
    {
        ref var origin = ref MemoryMarshal.GetReference(data);
        var state = new ScanState { LastDataEnd = start };
        var position = start;

        // Where the first block with a marker candidate starts (the range before it is vouched for); -1 until then.
        markerFreeTo = -1;

        // Three bytes beyond each block are read to classify a '<' at its end.
        var lastBlock = data.Length - Block - 3;
        while (true)
        {
            BlockMasks block;
            position = wide
                ? RunRegularBlocks512(ref origin, position, lastBlock, ref state, out block)
                : RunRegularBlocks256(ref origin, position, lastBlock, ref state, out block);
            if (position > lastBlock)
            {
                stopAt = state.InData ? position : state.LastDataEnd;
                resumeAt = position;
                markerFreeTo = markerFreeTo < 0 ? position : markerFreeTo;
                return;
            }

            // The hot loops flag single quotes with other candidates (one step fewer per block): tell them apart
            // here. A single quote is irregular.
            var sq = Equal(ref origin, position, (byte)'\'');
            var lt = Equal(ref origin, position, (byte)'<');

            // Every block before this one had no marker candidate; this one may.
            if (markerFreeTo < 0 && (block.Marker & ~sq & ~lt) != 0)
            {
                markerFreeTo = position;
            }

            // This block is irregular somewhere or has a '<' that may be special: look closer.
            var irregular = block.Irregular | sq;
            var special = block.Special & lt & ~block.InDq;
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
                    markerFreeTo = markerFreeTo < 0 ? position + Block : markerFreeTo;
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
                markerFreeTo = markerFreeTo < 0 ? position + Block : markerFreeTo;
                return;
            }

            // Only candidates that were not special after all: the block is regular.
            state.Accept(position, block);
            position += Block;
        }
    }

    // Where in the 64-byte block at position the byte is value, one bit per byte.
    private static ulong Equal(ref byte origin, int position, byte value)
    {
        var low = Vector256.Equals(Vector256.LoadUnsafe(ref origin, (nuint)position), Vector256.Create(value)).ExtractMostSignificantBits();
        var high = Vector256.Equals(Vector256.LoadUnsafe(ref origin, (nuint)position + 32), Vector256.Create(value)).ExtractMostSignificantBits();
        return low | ((ulong)high << 32);
    }

    // The hot loop, free of calls so the tables and the state stay in registers: runs blocks from position while
    // they are regular and have no '<' that may be special, and returns where it stopped (past lastBlock when the
    // blocks ran out) with that block's masks.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int RunRegularBlocks512(ref byte origin, int position, int lastBlock, ref ScanState state, out BlockMasks block)
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

            // Besides Irregular, a single quote (among the marker candidates) is irregular. (A '<' that cannot open a
            // tag is a special one: the exact tokenizer reads it as text.)
            var irregular = Irregular(toggles, gtOut, tag, dq, inDq, eq, lastEq);
            var special = ltOut & attention;
            var marker = attention & ~lt;
            if ((irregular | special | marker) != 0)
            {
                block = new BlockMasks(irregular, special, marker, toggles, gtOut, inDq, tag, eq);
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

        state = ScanState.Leaving(inQuote, inTag, lastEq, (int)Unsafe.ByteOffset(ref origin, ref dataEnd));
        return (int)Unsafe.ByteOffset(ref origin, ref at);
    }

    // Where a block breaks the rules the hot loops follow: a '<' inside a tag or a '>' outside one; a quote outside
    // a tag; a quote opening other than right after '='.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Irregular(ulong toggles, ulong gtOut, ulong tag, ulong dq, ulong inDq, ulong eq, ulong lastEq) =>
        (toggles & ~(tag ^ gtOut))
        | (dq & ~tag)
        | (dq & inDq & ~((eq << 1) | lastEq));

    // The state carried from block to block: whether the block boundary is inside a quoted value or a tag, whether
    // the byte before it is '=', and the end of the latest block that ended in data (or the start): the place the
    // exact tokenizer resumes from when a block that began inside a tag turns out irregular.
    private struct ScanState
    {
        public ulong InQuote;
        public ulong InTag;
        public ulong LastEq;
        public int LastDataEnd;

        public readonly bool InData => (InTag | InQuote) == 0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ScanState Leaving(ulong inQuote, ulong inTag, ulong lastEq, int lastDataEnd) =>
            new() { InQuote = inQuote, InTag = inTag, LastEq = lastEq, LastDataEnd = lastDataEnd };

        public void Accept(int position, in BlockMasks block)
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

    private readonly record struct BlockMasks(ulong Irregular, ulong Special, ulong Marker, ulong Toggles, ulong GtOut, ulong InDq, ulong Tag, ulong Eq);

    // Where the tokenizer is in data around the last '<' or '>' of a block: before a '<', after a '>'.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int AfterLastToggle(int blockAt, ulong toggles, ulong gt)
    {
        var last = 63 - BitOperations.LeadingZeroCount(toggles);
        return blockAt + last + (int)((gt >> last) & 1);
    }

    // The 256-bit path, for machines without AVX-512 VBMI (vpshufb looks up only 16 entries, so the buckets are
    // keyed on low nibbles): the hot loop, free of calls like the 512-bit one, two 32-byte halves per block.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int RunRegularBlocks256(ref byte origin, int position, int lastBlock, ref ScanState state, out BlockMasks block)
    {
        var first = StartFirst;
        var second = StartSecond;
        var third = StartThird;
        var ones = Vector128.Create(ulong.MaxValue);
        var inQuote = state.InQuote;
        var inTag = state.InTag;
        var lastEq = state.LastEq;

        ref var at = ref Unsafe.Add(ref origin, position);
        ref var last = ref Unsafe.Add(ref origin, lastBlock);
        ref var dataEnd = ref Unsafe.Add(ref origin, state.LastDataEnd);
        block = default;
        while (!Unsafe.IsAddressGreaterThan(ref at, ref last))
        {
            Half256(ref at, first, second, third, out var ltGt0, out var gt0, out var dq0, out var eq0, out var attention0);
            Half256(ref Unsafe.Add(ref at, 32), first, second, third, out var ltGt1, out var gt1, out var dq1, out var eq1, out var attention1);
            var ltGt = ltGt0 | ((ulong)ltGt1 << 32);
            var gt = gt0 | ((ulong)gt1 << 32);
            var dq = dq0 | ((ulong)dq1 << 32);
            var eq = eq0 | ((ulong)eq1 << 32);
            var attention = attention0 | ((ulong)attention1 << 32);

            var inDq = Pclmulqdq.CarrylessMultiply(Vector128.CreateScalar(dq), ones, 0).ToScalar() ^ inQuote;
            var toggles = ltGt & ~inDq;
            var gtOut = gt & ~inDq;
            var tag = Pclmulqdq.CarrylessMultiply(Vector128.CreateScalar(toggles), ones, 0).ToScalar() ^ inTag;

            var irregular = Irregular(toggles, gtOut, tag, dq, inDq, eq, lastEq);
            if ((irregular | attention) != 0)
            {
                block = new BlockMasks(irregular, attention, attention, toggles, gtOut, inDq, tag, eq);
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

        state = ScanState.Leaving(inQuote, inTag, lastEq, (int)Unsafe.ByteOffset(ref origin, ref dataEnd));
        return (int)Unsafe.ByteOffset(ref origin, ref at);
    }

    // One 32-byte half: where '<' or '>', '>', '"' and '=' are, and the bytes to look at closer: a '<' that is not
    // plainly an ordinary tag, a single quote (irregular) and a marker candidate (told apart after the loop).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Half256(
        ref byte at, Vector256<byte> first, Vector256<byte> second, Vector256<byte> third,
        out uint ltGt, out uint gt, out uint dq, out uint eq, out uint attention)
    {
        var bytes = Vector256.LoadUnsafe(ref at);
        var lt = Vector256.Equals(bytes, Vector256.Create((byte)'<'));
        var gtVector = Vector256.Equals(bytes, Vector256.Create((byte)'>'));
        ltGt = (lt | gtVector).ExtractMostSignificantBits();
        gt = gtVector.ExtractMostSignificantBits();
        dq = Vector256.Equals(bytes, Vector256.Create((byte)'"')).ExtractMostSignificantBits();
        eq = Vector256.Equals(bytes, Vector256.Create((byte)'=')).ExtractMostSignificantBits();

        var b1 = Vector256.LoadUnsafe(ref at, 1);
        var b2 = Vector256.LoadUnsafe(ref at, 2);
        var b3 = Vector256.LoadUnsafe(ref at, 3);

        // A '<' before a letter, or before '/' and a letter, opens a tag; it is ordinary unless its next three bytes
        // fall in a bucket (one bit per group of special names, keyed on the low nibble of each byte: vpshufb gives
        // 0 for a byte from 0x80 up, which no special name has there).
        var tagLike = IsLetter(b1) | (Vector256.Equals(b1, Vector256.Create((byte)'/')) & IsLetter(b2));
        var buckets = Avx2.Shuffle(first, b1) & Avx2.Shuffle(second, b2) & Avx2.Shuffle(third, b3);
        var ordinary = tagLike & Vector256.Equals(buckets, Vector256<byte>.Zero);

        // A '-' before "bad" may be the marker's second '-'.
        var marker = Vector256.AndNot(
            Vector256.Equals(bytes, Vector256.Create((byte)'-')),
            Vector256.Equals(buckets & Vector256.Create(MarkerBucket256), Vector256<byte>.Zero));
        attention = (Vector256.AndNot(lt, ordinary) | Vector256.Equals(bytes, Vector256.Create((byte)'\'')) | marker).ExtractMostSignificantBits();
    }

    // ASCII letters: (b | 0x20) + 0x1F maps 'a'..'z' (and only them) to 0x80..0x99, the signed bytes below -102.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> IsLetter(Vector256<byte> b) =>
        Vector256.LessThan(((b | Vector256.Create((byte)0x20)) + Vector256.Create((byte)0x1F)).AsSByte(), Vector256.Create((sbyte)-102)).AsByte();

    // The 256-bit path's buckets: the three bytes after '<' of each group of special names, by low nibble (upper
    // and lower case share it). A bucket matches where all three bytes are in it; it may match more than it should
    // (other bytes with the same low nibbles, the cross terms of a group: the exact check follows), never less.
    private static readonly string[][] Buckets256 =
    [
        ["scr", "svg"],
        ["tex", "tem", "tit"],
        ["xmp", "pla"],
        ["ifr", "fra"],
        ["noe", "nof", "nos"],
        ["mat", "bad"],  // "bad" after '-': the marker's (data-online-badge), as on the 512-bit path
        ["/bo", "/te"],
        ["sty"],
    ];

    private const byte MarkerBucket256 = 1 << 5;

    private static readonly Vector256<byte> StartFirst = LowNibbleTable(0);
    private static readonly Vector256<byte> StartSecond = LowNibbleTable(1);
    private static readonly Vector256<byte> StartThird = LowNibbleTable(2);

    private static Vector256<byte> LowNibbleTable(int offset)
    {
        Span<byte> table = stackalloc byte[32];
        for (var bucket = 0; bucket < Buckets256.Length; bucket++)
        {
            foreach (var name in Buckets256[bucket])
            {
                var nibble = name[offset] & 0x0F;
                table[nibble] |= (byte)(1 << bucket);
                table[nibble + 16] |= (byte)(1 << bucket);
            }
        }

        return Vector256.Create<byte>(table);
    }

    /// <summary>
    /// Whether the 256-bit path flags the <c>&lt;</c> at the start of <paramref name="four"/> (its first four bytes)
    /// as possibly special: the same tables and letter test, read as vpshufb reads them, for tests on any CPU.
    /// </summary>
    internal static bool LookupFlagsLessThan256(ReadOnlySpan<byte> four)
    {
        static bool Letter(byte b) => (uint)((b | 0x20) - 'a') <= 'z' - 'a';
        static byte Lookup(Vector256<byte> table, byte b) => (b & 0x80) != 0 ? (byte)0 : table[b & 0x0F];

        var tagLike = Letter(four[1]) || (four[1] == '/' && Letter(four[2]));
        var buckets = Lookup(StartFirst, four[1]) & Lookup(StartSecond, four[2]) & Lookup(StartThird, four[3]);
        return four[0] == '<' && (!tagLike || buckets != 0);
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
}
