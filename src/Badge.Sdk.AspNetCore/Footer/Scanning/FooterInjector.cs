namespace Badge.Sdk.AspNetCore.Footer.Scanning;

/// <summary>
/// Streams a page and places the footer fragment before its closing <c>&lt;/body&gt;</c>, holding only a bounded
/// window. The output never depends on how the page was split into writes.
/// </summary>
/// <remarks>
/// <para>The rule, as a browser's tree builder sees it: after <c>&lt;/body&gt;</c> anything but white space,
/// comments, a doctype and <c>&lt;/html&gt;</c> reopens the body, and what comes last in the stream comes last in
/// the body. So the fragment goes before a real <c>&lt;/body&gt;</c> (see <see cref="HtmlEndOfBodyTokenizer"/>) only
/// when nothing else follows it to the end of the page; otherwise it is appended at the end of the page, when the
/// page ends in plain data at the top level. Bytes before a candidate <c>&lt;/body&gt;</c> are passed on at once;
/// the white space and comments after it are held, at most <see cref="LookAhead"/> bytes (more than that, and the
/// candidate is given up for the end of the page). Content after it releases them at once.</para>
/// <para>When the page has no real <c>&lt;/body&gt;</c>, the fragment is appended at the end only if the page
/// looked like a page (a doctype, <c>&lt;html</c>, <c>&lt;head</c> or <c>&lt;body</c> first within its first KiB,
/// after any BOM, white space and comments) and ends in plain data.</para>
/// <para>A frameset document (a <c>&lt;frameset&gt;</c> start tag the tree builder acts on) gets no fragment: a
/// browser would either drop the frameset for it or ignore it (<see cref="FramesetDocument"/>).</para>
/// <para>The fragment is a <c>&lt;div&gt;</c>: like any block, it closes a <c>&lt;p&gt;</c> left open before
/// <c>&lt;/body&gt;</c>, so content after <c>&lt;/body&gt;</c> then lands in <c>&lt;body&gt;</c> rather than in
/// that paragraph. Every other element left open keeps its content.</para>
/// </remarks>
internal sealed class FooterInjector
{
    /// <summary>The longest end tag held while it may still turn out to be <c>&lt;/body&gt;</c>.</summary>
    public const int MaxPendingTag = 1024;

    private readonly HtmlEndOfBodyTokenizer _tokenizer;
    private readonly DocumentSniffer _sniffer = new();
    private readonly List<Segment> _segments = new(4);
    private byte[] _held = new byte[256];
    private byte[] _released = new byte[256];
    private int _heldCount;
    private int _releasedCount;
    private long _heldStart = -1;
    private long _candidate = -1;
    private long _position;
    private bool _sawBodyEnd;

    /// <summary>The default of <see cref="LookAhead"/> (and of <c>BadgeFooterOptions.LookAheadBytes</c>): 16 KiB.</summary>
    public const int DefaultLookAhead = 16 * 1024;

    public FooterInjector(int lookAhead = DefaultLookAhead, ScanPath path = ScanPath.Best)
    {
        _tokenizer = new HtmlEndOfBodyTokenizer(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(lookAhead, 16);
        LookAhead = lookAhead;
    }

    /// <summary>Where output comes from: a slice of the input just written, of released held bytes, or the fragment.</summary>
    public enum Source : byte
    {
        Input,
        Released,
        Fragment,
    }

    public int LookAhead { get; }

    /// <summary>Whether the fragment was placed (or will be at the end).</summary>
    public bool Injected { get; private set; }

    /// <summary>Whether scanning is over: the fragment is placed and the rest passes through.</summary>
    public bool Done { get; private set; }

    /// <summary>Whether the page is a frameset document, which gets no fragment.</summary>
    public bool FramesetDocument => _tokenizer.FramesetSeen;

    /// <summary>What the first KiB said about the document (charset, whether it looks like a page).</summary>
    public DocumentSniffer Sniffer => _sniffer;

    /// <summary>The bytes held for look-ahead (after a candidate), for diagnostics.</summary>
    public int HeldCount => _heldCount;

    /// <summary>
    /// Scans <paramref name="input"/> and returns what to write, in order; segments of <see cref="Source.Released"/>
    /// refer to <see cref="Released"/>, valid until the next call.
    /// </summary>
    public IReadOnlyList<Segment> Write(ReadOnlySpan<byte> input)
    {
        _segments.Clear();
        _releasedCount = 0;

        var offset = 0;
        if (!_sniffer.IsComplete)
        {
            _sniffer.Feed(input);
        }

        // The marker is looked for after the scan, which vouches for much of the input on the way.
        var lookForMarker = !MarkerSeen && !Done;
        _markerSearch.Reset();
        while (offset < input.Length)
        {
            if (Done)
            {
                Add(Source.Input, offset, input.Length - offset);
                break;
            }

            if (_heldStart < 0)
            {
                var start = offset;
                _tokenizer.MarkerSearch = lookForMarker ? _markerSearch : null;
                offset = _tokenizer.Run(input, offset, _position - offset, out var found);
                _tokenizer.MarkerSearch = null;
                var pending = found >= 0 ? found : _tokenizer.PendingBodyTagStart;
                if (pending < 0)
                {
                    Add(Source.Input, start, offset - start);
                    Advance(offset - start);
                    continue;
                }

                // Pass on everything before the tag; hold the tag itself.
                var before = (int)(pending - _position);
                Add(Source.Input, start, before);
                Hold(input[(start + before)..offset]);
                _heldStart = pending;
                Advance(offset - start);
                if (found >= 0)
                {
                    _candidate = found;
                    _sawBodyEnd = true;
                }

                continue;
            }

            // Holding: feed byte ranges through the held buffer so a later candidate can release what precedes it.
            var take = input.Length - offset;
            if (_candidate >= 0)
            {
                var room = _candidate + LookAhead - _position;
                if (room <= 0)
                {
                    // More white space and comments after </body> than the look-ahead holds: the end of the page it is.
                    GiveUpCandidate();
                    continue;
                }

                take = (int)Math.Min(take, room);
            }

            var from = _heldCount;
            Hold(input.Slice(offset, take));
            var index = from;
            while (index < _heldCount)
            {
                index = _tokenizer.Run(_held.AsSpan(0, _heldCount), index, _heldStart, out var found);
                if (found >= 0)
                {
                    // The fragment goes before the latest candidate: what precedes it can go now.
                    var before = (int)(found - _heldStart);
                    ReleaseHeld(before);
                    index -= before;
                    _candidate = found;
                    _sawBodyEnd = true;
                }
            }

            Advance(take);
            offset += take;
            if (_candidate >= 0 && _tokenizer.ContentAfterBody)
            {
                // Content after the candidate reopens the body: it is not the end of the page.
                _tokenizer.StopWatchingTail();
                _candidate = -1;
            }

            if (_candidate < 0)
            {
                var pending = _tokenizer.PendingBodyTagStart;
                if (pending > _heldStart)
                {
                    // Whatever precedes the end tag now in progress (or everything, when none is) can go.
                    ReleaseHeld((int)(pending - _heldStart));
                }

                if (pending < 0 || _heldCount > MaxPendingTag)
                {
                    // The end tag in progress was not </body> (or is too long to wait for): let it go.
                    if (pending >= 0)
                    {
                        _tokenizer.ForgetPendingBody();
                    }

                    ReleaseHeld(_heldCount);
                    _heldStart = -1;
                }
            }
            else if (_position - _candidate >= LookAhead)
            {
                GiveUpCandidate();
            }
        }

        if (lookForMarker)
        {
            LookForMarker(input);
        }

        return _segments;
    }

    /// <summary>Ends the page: places the fragment by the rules and returns what remains to be written.</summary>
    public IReadOnlyList<Segment> Complete()
    {
        _segments.Clear();
        _releasedCount = 0;
        if (Done)
        {
            return _segments;
        }

        if (_candidate >= 0 && !FramesetDocument)
        {
            Commit();
            return _segments;
        }

        // An end tag cut off by the end of the page is no tag.
        ReleaseHeld(_heldCount);
        _heldStart = -1;
        _candidate = -1;
        if ((_sniffer.LooksLikePage || _sawBodyEnd) && _tokenizer.IsInData && !FramesetDocument)
        {
            _segments.Add(new Segment(Source.Fragment, 0, 0));
            Injected = true;
        }

        Done = true;
        return _segments;
    }

    /// <summary>Whether the page already carries a footer (the tag helper's, or one rendered elsewhere).</summary>
    public bool MarkerSeen { get; private set; }

    // The marker attribute may be split across writes: keep the last bytes of each write to look across the seam.
    private readonly byte[] _markerTail = new byte[Marker.Length - 1];
    private int _markerTailCount;

    private static ReadOnlySpan<byte> Marker => MarkerSearch.Marker;

    // Occurrences of the marker wholly inside the current write, searched where the fast path could not vouch.
    private readonly MarkerSearch _markerSearch = new();

    private void LookForMarker(ReadOnlySpan<byte> input)
    {
        if (_markerSearch.Finish(input))
        {
            MarkerSeen = true;
            return;
        }

        var k = Marker.Length - 1;
        Span<byte> seam = stackalloc byte[2 * k];
        var head = Math.Min(input.Length, k);
        _markerTail.AsSpan(0, _markerTailCount).CopyTo(seam);
        input[..head].CopyTo(seam[_markerTailCount..]);
        var joined = seam[..(_markerTailCount + head)];
        if (joined.IndexOf(Marker) >= 0)
        {
            MarkerSeen = true;
            return;
        }

        // Keep the last k bytes seen for the next seam.
        var tail = input.Length >= k ? input[^k..] : joined[^Math.Min(k, joined.Length)..];
        tail.CopyTo(_markerTail);
        _markerTailCount = tail.Length;
    }

    public ReadOnlySpan<byte> Released => _released.AsSpan(0, _releasedCount);

    /// <summary>Stops scanning: whatever is held is released and everything after passes through.</summary>
    public IReadOnlyList<Segment> Abandon()
    {
        _segments.Clear();
        _releasedCount = 0;
        ReleaseHeld(_heldCount);
        _heldStart = -1;
        Done = true;
        return _segments;
    }

    // Releases what is held after the candidate (all but an end tag in progress that may be </body>) and goes on
    // without one.
    private void GiveUpCandidate()
    {
        _tokenizer.StopWatchingTail();
        _candidate = -1;
        var pending = _tokenizer.PendingBodyTagStart;
        if (pending > _heldStart)
        {
            ReleaseHeld((int)(pending - _heldStart));
        }
        else if (pending < 0)
        {
            ReleaseHeld(_heldCount);
            _heldStart = -1;
        }
    }

    private void Commit()
    {
        // Fragment first, then the held </body> and what follows it.
        _segments.Add(new Segment(Source.Fragment, 0, 0));
        Injected = true;
        ReleaseHeld(_heldCount);
        _heldStart = -1;
        _candidate = -1;
        Done = true;
    }

    private void Advance(int count) => _position += count;

    private void Add(Source source, int start, int length)
    {
        if (length > 0)
        {
            _segments.Add(new Segment(source, start, length));
        }
    }

    private void Hold(ReadOnlySpan<byte> bytes)
    {
        EnsureCapacity(ref _held, _heldCount + bytes.Length);
        bytes.CopyTo(_held.AsSpan(_heldCount));
        _heldCount += bytes.Length;
    }

    private void ReleaseHeld(int count)
    {
        if (count <= 0)
        {
            return;
        }

        EnsureCapacity(ref _released, _releasedCount + count);
        _held.AsSpan(0, count).CopyTo(_released.AsSpan(_releasedCount));
        _segments.Add(new Segment(Source.Released, _releasedCount, count));
        _releasedCount += count;
        _held.AsSpan(count, _heldCount - count).CopyTo(_held);
        _heldCount -= count;
        _heldStart += count;
    }

    private static void EnsureCapacity(ref byte[] buffer, int needed)
    {
        if (buffer.Length < needed)
        {
            Array.Resize(ref buffer, Math.Max(needed, buffer.Length * 2));
        }
    }

    /// <summary>One piece of output.</summary>
    public readonly record struct Segment(Source Source, int Start, int Length);
}
