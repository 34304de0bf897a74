using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Badge.Sdk.AspNetCore.Footer.Scanning;

namespace Badge.Sdk.AspNetCore.Footer;

// Wraps the response body (as ResponseCompressionBody does): decides once, on the first write, flush or start,
// whether this response gets the footer, then streams it through the FooterInjector. Every write path lands here:
// Body (sync and async), BodyWriter (a PipeWriter over this stream), SendFileAsync and the final completion.
// Which responses get it and their header fixes are FooterResponsePolicy's; a precompressed page goes through a
// RecompressionPump, which feeds the decompressed page back here (IRecompressionSink).
internal sealed class BadgeFooterBody : Stream, IHttpResponseBodyFeature, IBadgeFooterPlacementFeature, IRecompressionSink
{
    // Pieces of one write up to this size are joined and written at once; larger ones go through the pipe.
    private const int CoalesceLimit = 16 * 1024;

    // The chunk in which a page the body reads itself (a sent file, a decompressed page) goes through the scanner.
    internal const int CopyBufferSize = 16 * 1024;

    private readonly HttpContext _context;
    private readonly IHttpResponseBodyFeature _inner;
    private readonly FooterEntry _entry;
    private readonly BadgeFooterOptions _options;
    private readonly FooterResponsePolicy _policy;
    private readonly ILogger _logger;
    private readonly BadgeFooterMetrics _metrics;
    private readonly bool _ifNoneMatchMapped;
    private Mode _mode;
    private FooterInjector? _injector;
    private LegacyBadgeReplacer? _replacer;
    private System.Buffers.ArrayBufferWriter<byte>? _staging;
    private PipeWriter? _writer;
    private bool _finished;

    // The app's Content-Length (removed from the headers) and how much of the page has come: the write that brings
    // the last byte also completes the page, so its end, the footer and the end of the chunked body go out in one
    // send, as the page without the footer would.
    private long? _declaredLength;
    private long _received;
    private bool _completedEarly;
    private string? _versionedETag;
    private bool _headerCharset;

    // Precompressed responses: compressed bytes go into a pipe, a pump decompresses, scans and compresses again.
    private RecompressionPump? _pump;

    public BadgeFooterBody(HttpContext context, IHttpResponseBodyFeature inner, FooterEntry entry, BadgeFooterOptions options, FooterResponsePolicy policy, ILogger logger, BadgeFooterMetrics metrics, bool ifNoneMatchMapped)
    {
        _context = context;
        _policy = policy;
        _inner = inner;
        _entry = entry;
        _options = options;
        _logger = logger;
        _metrics = metrics;
        _ifNoneMatchMapped = ifNoneMatchMapped;
        // Registered before the app runs, so it runs after the app's own callbacks: a header they set again
        // (Content-Length, a strong ETag) is fixed once more before the headers go out.
        context.Response.OnStarting(static state =>
        {
            ((BadgeFooterBody)state).OnResponseStarting();
            return Task.CompletedTask;
        }, this);
    }

    private enum Mode
    {
        Undecided,
        PassThrough,
        Inject,
        InjectCompressed,
    }

    public bool Injected => _injector?.Injected == true;

    // IBadgeFooterPlacementFeature: the tag helper reads the fragment here and says it placed it.
    public FooterEntry Entry => _entry;

    public bool PlacedByTagHelper { get; set; }

    // IHttpResponseBodyFeature
    public Stream Stream => this;

    public PipeWriter Writer => _writer ??= PipeWriter.Create(this, new StreamPipeWriterOptions(leaveOpen: true));

    public void DisableBuffering() => _inner.DisableBuffering();

    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        Decide();
        return _inner.StartAsync(cancellationToken);
    }

    public async Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
    {
        Decide();
        if (_mode == Mode.PassThrough)
        {
            await _inner.SendFileAsync(path, offset, count, cancellationToken).ConfigureAwait(false);
            return;
        }

        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (file)
        {
            file.Seek(offset, SeekOrigin.Begin);
            var remaining = count ?? file.Length - offset;
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(CopyBufferSize);
            try
            {
                while (remaining > 0)
                {
                    var read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    await WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    remaining -= read;
                }
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    public async Task CompleteAsync()
    {
        await FinishAsync().ConfigureAwait(false);
        if (!_completedEarly)
        {
            await _inner.CompleteAsync().ConfigureAwait(false);
        }
    }

    // Called by the middleware when the app returns (or by CompleteAsync): flushes the writer, places a footer that
    // is due at the end of the page, and ends a recompressed body.
    public async Task FinishAsync()
    {
        if (_finished)
        {
            if (_completedEarly && _writer is not null)
            {
                // The page came through the writer and is out; completing it returns its buffers (and writes what
                // it still holds, which can only be bytes past the Content-Length: an error, as it should be).
                await _writer.CompleteAsync().ConfigureAwait(false);
            }

            return;
        }

        if (_writer is not null)
        {
            await _writer.CompleteAsync().ConfigureAwait(false);
        }

        _finished = true;
        Decide();
        switch (_mode)
        {
            case Mode.Inject:
                await CompleteStagingAsync(_inner.Stream).ConfigureAwait(false);
                await WriteSegmentsAsync(SafeComplete(), default, _inner.Stream, CancellationToken.None).ConfigureAwait(false);

                Record();
                break;
            case Mode.InjectCompressed:
                await _pump!.CompleteWritingAsync().ConfigureAwait(false);
                await _pump.Completion.ConfigureAwait(false);
                Record();
                break;
        }
    }

    // Stream
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Flush()
    {
        Decide();
        if (_mode == Mode.InjectCompressed || _completedEarly)
        {
            return;
        }

        _inner.Stream.Flush();
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        Decide();
        if (_completedEarly)
        {
            return;
        }

        if (_mode == Mode.InjectCompressed)
        {
            await _pump!.FlushAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        await _inner.Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Decide();
        switch (_mode)
        {
            case Mode.PassThrough:
                _inner.Stream.Write(buffer);
                return;
            case Mode.InjectCompressed:
                _pump!.Write(buffer);
                return;
        }

        if (_completedEarly && !buffer.IsEmpty)
        {
            throw TooManyBytes();
        }

        // Counted so that a later asynchronous write still knows where the page ends; a synchronous write never
        // completes the response itself.
        _received += buffer.Length;
        var input = Stage(buffer);
        var segments = SafeWrite(input, out var abandoned);
        foreach (var segment in segments)
        {
            _inner.Stream.Write(Resolve(segment, input));
        }

        if (abandoned)
        {
            _inner.Stream.Write(input);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Decide();
        switch (_mode)
        {
            case Mode.PassThrough:
                return _inner.Stream.WriteAsync(buffer, cancellationToken);
            case Mode.InjectCompressed:
                return _pump!.WriteAsync(buffer, cancellationToken);
        }

        if (_completedEarly)
        {
            return buffer.IsEmpty ? default : ValueTask.FromException(TooManyBytes());
        }

        if (_declaredLength is { } declared && (_received += buffer.Length) == declared)
        {
            return WriteLastAsync(buffer);
        }

        var input = StageMemory(buffer);
        var segments = SafeWrite(input.Span, out var abandoned);
        if (!abandoned && segments.Count <= 1 && (segments.Count == 0 || segments[0].Source == FooterInjector.Source.Input))
        {
            // The common cases (all of the write, or all of it up to a held end tag, or nothing yet) need no state
            // machine of ours: the inner stream's write is the whole operation.
            return segments.Count == 0 ? default : _inner.Stream.WriteAsync(input.Slice(segments[0].Start, segments[0].Length), cancellationToken);
        }

        return WriteSegmentsThenRestAsync(segments, input, abandoned, _inner.Stream, cancellationToken);
    }

    // The write that brings the page's last byte (by its Content-Length): the rest of the page, the footer and the
    // end of the response go into the response's pipe writer and out with the one flush that completes it. (A
    // stream write would flush, and Kestrel would send, the page before its end is written: one send more per
    // page.) All of it through the writer, so the order holds on any server.
    private async ValueTask WriteLastAsync(ReadOnlyMemory<byte> input)
    {
        _completedEarly = true;
        _finished = true;
        var writer = _inner.Writer;
        var segments = SafeWrite(input.Span, out var abandoned);
        WriteTo(writer, segments, input.Span);
        if (abandoned)
        {
            writer.Write(input.Span);
        }

        // The injector's released bytes live until its next call: this write's pieces are in the pipe by now.
        WriteTo(writer, SafeComplete(), default);
        Record();
        await _inner.CompleteAsync().ConfigureAwait(false);
    }

    private int TotalLength(IReadOnlyList<FooterInjector.Segment> segments, ReadOnlySpan<byte> input)
    {
        var total = 0;
        for (var i = 0; i < segments.Count; i++)
        {
            total += Resolve(segments[i], input).Length;
        }

        return total;
    }

    private int CopyTo(Span<byte> destination, IReadOnlyList<FooterInjector.Segment> segments, ReadOnlySpan<byte> input)
    {
        var length = 0;
        for (var i = 0; i < segments.Count; i++)
        {
            var piece = Resolve(segments[i], input);
            piece.CopyTo(destination[length..]);
            length += piece.Length;
        }

        return length;
    }

    private void WriteTo(PipeWriter writer, IReadOnlyList<FooterInjector.Segment> segments, ReadOnlySpan<byte> input)
    {
        for (var i = 0; i < segments.Count; i++)
        {
            var piece = Resolve(segments[i], input);
            if (!piece.IsEmpty)
            {
                writer.Write(piece);
            }
        }
    }

    private static InvalidOperationException TooManyBytes() =>
        new("The response is complete: the page already had as many bytes as its Content-Length declared.");

    // IRecompressionSink: the decompressed page of an InjectCompressed response, scanned as Inject scans the app's.
    ValueTask IRecompressionSink.WriteAsync(ReadOnlyMemory<byte> chunk, Stream output)
    {
        var input = StageMemory(chunk);
        var segments = SafeWrite(input.Span, out var abandoned);
        return abandoned
            ? WriteSegmentsThenRestAsync(segments, input, abandoned, output, CancellationToken.None)
            : WriteSegmentsAsync(segments, input, output, CancellationToken.None);
    }

    ValueTask IRecompressionSink.CompleteStagingAsync(Stream output) => CompleteStagingAsync(output);

    ValueTask IRecompressionSink.CompleteAsync(Stream output) => WriteSegmentsAsync(SafeComplete(), default, output, CancellationToken.None);

    private async ValueTask WriteSegmentsThenRestAsync(IReadOnlyList<FooterInjector.Segment> segments, ReadOnlyMemory<byte> input, bool abandoned, Stream target, CancellationToken cancellationToken)
    {
        await WriteSegmentsAsync(segments, input, target, cancellationToken).ConfigureAwait(false);
        if (abandoned)
        {
            await target.WriteAsync(input, cancellationToken).ConfigureAwait(false);
        }
    }

    // With ReplaceLegacyBadge, bytes pass through the replacer before the scanner.
    private ReadOnlySpan<byte> Stage(ReadOnlySpan<byte> buffer)
    {
        if (_replacer is null)
        {
            return buffer;
        }

        _staging!.ResetWrittenCount();
        _replacer.Write(buffer, _staging);
        return _staging.WrittenSpan;
    }

    private ReadOnlyMemory<byte> StageMemory(ReadOnlyMemory<byte> buffer)
    {
        if (_replacer is null)
        {
            return buffer;
        }

        _staging!.ResetWrittenCount();
        _replacer.Write(buffer.Span, _staging);
        return _staging.WrittenMemory;
    }

    private async ValueTask CompleteStagingAsync(Stream target)
    {
        if (_replacer is null)
        {
            return;
        }

        _staging!.ResetWrittenCount();
        _replacer.Complete(_staging);
        var rest = _staging.WrittenMemory;
        var segments = SafeWrite(rest.Span, out var abandoned);
        await WriteSegmentsAsync(segments, rest, target, CancellationToken.None).ConfigureAwait(false);
        if (abandoned)
        {
            await target.WriteAsync(rest).ConfigureAwait(false);
        }
    }

    private async ValueTask WriteSegmentsAsync(IReadOnlyList<FooterInjector.Segment> segments, ReadOnlyMemory<byte> input, Stream target, CancellationToken cancellationToken)
    {
        if (ReferenceEquals(target, _inner.Stream) && segments.Count > 1)
        {
            // Several pieces for one write of the app go out as one write, as the app's would have (a stream write
            // per piece would flush, and send, each one). Small ones (the footer and the held end of the page,
            // typically) are joined in a pooled buffer; larger ones are copied into the response's pipe.
            var total = TotalLength(segments, input.Span);
            if (total <= CoalesceLimit)
            {
                var joined = ArrayPool<byte>.Shared.Rent(total);
                try
                {
                    var length = CopyTo(joined, segments, input.Span);
                    await target.WriteAsync(joined.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(joined);
                }

                return;
            }

            var writer = _inner.Writer;
            WriteTo(writer, segments, input.Span);
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            switch (segment.Source)
            {
                case FooterInjector.Source.Input:
                    await target.WriteAsync(input.Slice(segment.Start, segment.Length), cancellationToken).ConfigureAwait(false);
                    break;
                case FooterInjector.Source.Released:
                    // Released bytes live in the injector until its next call: copy before awaiting.
                    await target.WriteAsync(_injector!.Released.Slice(segment.Start, segment.Length).ToArray(), cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    if (!AlreadyPlaced())
                    {
                        await target.WriteAsync(_entry.Fragment, cancellationToken).ConfigureAwait(false);
                    }

                    break;
            }
        }
    }

    private ReadOnlySpan<byte> Resolve(FooterInjector.Segment segment, ReadOnlySpan<byte> input) => segment.Source switch
    {
        FooterInjector.Source.Input => input.Slice(segment.Start, segment.Length),
        FooterInjector.Source.Released => _injector!.Released.Slice(segment.Start, segment.Length),
        _ => AlreadyPlaced() ? [] : _entry.Fragment,
    };

    private bool AlreadyPlaced() => _injector!.MarkerSeen || PlacedByTagHelper || !CharsetAllowsInjection();

    // A byte order mark wins over everything, then the Content-Type header's charset (checked before the first
    // byte), then a <meta> in the first KiB.
    private bool CharsetAllowsInjection() =>
        !_injector!.Sniffer.HasUtf16Bom && (_headerCharset || Charsets.IsAsciiCompatible(_injector.Sniffer.MetaCharset));

    private IReadOnlyList<FooterInjector.Segment> SafeWrite(ReadOnlySpan<byte> buffer, out bool abandoned)
    {
        abandoned = false;
        try
        {
            return _injector!.Write(buffer);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug of ours must never break the page: send what is held, then this write, unchanged.
            Log.ScannerFailed(_logger, ex, _context.Request.Path);
            abandoned = true;
            try
            {
                return _injector!.Abandon();
            }
            catch (Exception)
            {
                return [];
            }
        }
    }

    private IReadOnlyList<FooterInjector.Segment> SafeComplete()
    {
        try
        {
            return _injector!.Complete();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.ScannerFailed(_logger, ex, _context.Request.Path);
            return [];
        }
    }

    private void Record()
    {
        if (_replacer?.Replaced > 0)
        {
            _metrics.Injected();
            Log.LegacyReplaced(_logger, _context.Request.Path, _replacer.Replaced, _entry.CurrentId);
            return;
        }

        if (_injector!.Injected && !AlreadyPlaced())
        {
            _metrics.Injected();
            Log.Injected(_logger, _context.Request.Path, _entry.CurrentId);
        }
        else
        {
            var reason = _injector.MarkerSeen || PlacedByTagHelper ? "already-placed"
                : !CharsetAllowsInjection() ? "charset"
                : _injector.FramesetDocument ? "frameset" : "no-end-of-body";
            _metrics.Skipped(reason);
            Log.Skipped(_logger, _context.Request.Path, reason);
        }
    }

    private void Decide()
    {
        if (_mode != Mode.Undecided)
        {
            return;
        }

        var response = _context.Response;
        var reason = _policy.Evaluate(_context, out var compressed, out _headerCharset);
        if (reason != FooterSkipReason.None)
        {
            _mode = Mode.PassThrough;
            FooterResponsePolicy.VersionNotModified(response, _ifNoneMatchMapped, _entry.VersionTag);

            if (reason != FooterSkipReason.NotHtml)
            {
                _metrics.Skipped(reason.ToTag());
                Log.Skipped(_logger, _context.Request.Path, reason.ToTag());
            }

            return;
        }

        // Completing early needs the page's bytes as they came (no replacer, no decompression) and no trailers to come.
        _declaredLength = compressed is null && !_options.ReplaceLegacyBadge && !response.Headers.ContainsKey(HeaderNames.Trailer)
            ? response.ContentLength
            : null;
        FooterResponsePolicy.FixHeaders(response, _entry.VersionTag, ref _versionedETag);
        _injector = new FooterInjector(_options.LookAheadBytes);
        if (_options.ReplaceLegacyBadge)
        {
            _replacer = new LegacyBadgeReplacer(_entry.Fragment);
            _staging = new System.Buffers.ArrayBufferWriter<byte>();
        }
        if (compressed is null)
        {
            _mode = Mode.Inject;
            return;
        }

        if (!ReferenceEquals(_context.Features.Get<IHttpResponseBodyFeature>(), this))
        {
            Log.CompressionOrder(_logger, _context.Request.Path);
        }

        _mode = Mode.InjectCompressed;
        _pump = new RecompressionPump(compressed, _inner.Stream, this);
    }

    private void OnResponseStarting()
    {
        Decide();
        if (_mode is Mode.Inject or Mode.InjectCompressed)
        {
            FooterResponsePolicy.FixHeaders(_context.Response, _entry.VersionTag, ref _versionedETag);
        }
    }
}
