using System.Buffers;
using System.IO.Compression;
using System.IO.Pipelines;
using Badge.Sdk.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Badge.Sdk.AspNetCore.Footer.Scanning;

namespace Badge.Sdk.AspNetCore.Footer;

// Wraps the response body (as ResponseCompressionBody does): decides once, on the first write, flush or start,
// whether this response gets the footer, then streams it through the FooterInjector. Every write path lands here:
// Body (sync and async), BodyWriter (a PipeWriter over this stream), SendFileAsync and the final completion.
internal sealed class BadgeFooterBody : Stream, IHttpResponseBodyFeature, IBadgeFooterPlacementFeature
{
    // Pieces of one write up to this size are joined and written at once; larger ones go through the pipe.
    private const int CoalesceLimit = 16 * 1024;

    private readonly HttpContext _context;
    private readonly IHttpResponseBodyFeature _inner;
    private readonly FooterEntry _entry;
    private readonly BadgeFooterOptions _options;
    private readonly ILogger _logger;
    private readonly BadgeFooterMetrics _metrics;
    private readonly bool _ifNoneMatchMapped;
    private Mode _mode;
    private FooterInjector? _injector;
    private LegacyBadgeReplacer? _replacer;
    private System.Buffers.ArrayBufferWriter<byte>? _staging;
    private PipeWriter? _writer;
    private bool _finished;
    private string? _versionedETag;
    private bool _headerCharset;

    // Precompressed responses: compressed bytes go into a pipe, a pump decompresses, scans and compresses again.
    private Pipe? _pipe;
    private Stream? _compressor;
    private Task? _pump;
    private readonly ContentTypeCache _contentTypes;

    public BadgeFooterBody(HttpContext context, IHttpResponseBodyFeature inner, FooterEntry entry, BadgeFooterOptions options, ILogger logger, BadgeFooterMetrics metrics, bool ifNoneMatchMapped, ContentTypeCache contentTypes)
    {
        _context = context;
        _contentTypes = contentTypes;
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
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
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
        await _inner.CompleteAsync().ConfigureAwait(false);
    }

    // Called by the middleware when the app returns (or by CompleteAsync): flushes the writer, places a footer that
    // is due at the end of the page, and ends a recompressed body.
    public async Task FinishAsync()
    {
        if (_finished)
        {
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
                await _pipe!.Writer.CompleteAsync().ConfigureAwait(false);
                await _pump!.ConfigureAwait(false);
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
        if (_mode == Mode.InjectCompressed)
        {
            return;
        }

        _inner.Stream.Flush();
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        Decide();
        if (_mode == Mode.InjectCompressed)
        {
            await _pipe!.Writer.FlushAsync(cancellationToken).ConfigureAwait(false);
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
                // A synchronous write is reached only where the host turned on AllowSynchronousIO, that is, asked for
                // blocking writes; the pipe's back-pressure then blocks this thread as the host's own writes would.
#pragma warning disable RS0030 // sync over async, by the host's choice (see above)
                _pipe!.Writer.WriteAsync(buffer.ToArray()).AsTask().GetAwaiter().GetResult();
#pragma warning restore RS0030
                return;
        }

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
                return WriteCompressedAsync(buffer, cancellationToken);
        }

        var input = StageMemory(buffer);
        var segments = SafeWrite(input.Span, out var abandoned);
        if (!abandoned && segments.Count <= 1 && (segments.Count == 0 || segments[0].Source == FooterInjector.Source.Input))
        {
            // The common cases (all of the write, or all of it up to a held end tag, or nothing yet) need no state
            // machine of ours: the inner stream's write is the whole operation.
            return segments.Count == 0 ? default : _inner.Stream.WriteAsync(input.Slice(segments[0].Start, segments[0].Length), cancellationToken);
        }

        return WriteSegmentsThenRestAsync(segments, input, abandoned, cancellationToken);
    }

    private async ValueTask WriteCompressedAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken) =>
        await _pipe!.Writer.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);

    private async ValueTask WriteSegmentsThenRestAsync(IReadOnlyList<FooterInjector.Segment> segments, ReadOnlyMemory<byte> input, bool abandoned, CancellationToken cancellationToken)
    {
        await WriteSegmentsAsync(segments, input, _inner.Stream, cancellationToken).ConfigureAwait(false);
        if (abandoned)
        {
            await _inner.Stream.WriteAsync(input, cancellationToken).ConfigureAwait(false);
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
            var total = 0;
            for (var i = 0; i < segments.Count; i++)
            {
                total += Resolve(segments[i], input.Span).Length;
            }

            if (total <= CoalesceLimit)
            {
                var joined = ArrayPool<byte>.Shared.Rent(total);
                try
                {
                    var length = 0;
                    for (var i = 0; i < segments.Count; i++)
                    {
                        var piece = Resolve(segments[i], input.Span);
                        piece.CopyTo(joined.AsSpan(length));
                        length += piece.Length;
                    }

                    await target.WriteAsync(joined.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(joined);
                }

                return;
            }

            var writer = _inner.Writer;
            for (var i = 0; i < segments.Count; i++)
            {
                var piece = Resolve(segments[i], input.Span);
                if (!piece.IsEmpty)
                {
                    writer.Write(piece);
                }
            }

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
        var reason = SkipReason(response, out var compressed);
        if (reason != FooterSkipReason.None)
        {
            _mode = Mode.PassThrough;
            if (response.StatusCode == StatusCodes.Status304NotModified && _ifNoneMatchMapped && response.Headers.ETag.Count > 0)
            {
                response.Headers.ETag = ETags.Version(response.Headers.ETag.ToString(), _entry.VersionTag);
            }

            if (reason != FooterSkipReason.NotHtml)
            {
                _metrics.Skipped(reason.ToTag());
                Log.Skipped(_logger, _context.Request.Path, reason.ToTag());
            }

            return;
        }

        FixHeaders(response);
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
        StartPump(compressed);
    }

    private void OnResponseStarting()
    {
        Decide();
        if (_mode is Mode.Inject or Mode.InjectCompressed)
        {
            FixHeaders(_context.Response);
        }
    }

    // The page with the footer is another representation: no length, digest or ranges of the app's, and its
    // validator made weak and versioned (once: a tag already ours is left as it is).
    private void FixHeaders(HttpResponse response)
    {
        response.Headers.ContentLength = null;
        response.Headers.Remove("Content-MD5");
        response.Headers.Remove("Digest");
        response.Headers.Remove("Repr-Digest");
        response.Headers.Remove("Content-Digest");
        response.Headers.Remove(HeaderNames.AcceptRanges);
        if (response.Headers.ETag.Count > 0)
        {
            var etag = response.Headers.ETag.ToString();
            if (!string.Equals(etag, _versionedETag, StringComparison.Ordinal))
            {
                _versionedETag = ETags.Version(etag, _entry.VersionTag);
                response.Headers.ETag = _versionedETag;
            }
        }
    }

    private FooterSkipReason SkipReason(HttpResponse response, out string? compressed)
    {
        compressed = null;
        if (!_options.StatusCodes.Contains(response.StatusCode))
        {
            return FooterSkipReason.Status;
        }

        var contentType = _contentTypes.Of(response.ContentType);
        if (!contentType.IsHtml)
        {
            return FooterSkipReason.NotHtml;
        }

        if (contentType.Charset is { } charset)
        {
            if (!Charsets.IsAsciiCompatible(charset))
            {
                return FooterSkipReason.Charset;
            }

            _headerCharset = true;
        }

        if (response.Headers.ContentRange.Count > 0)
        {
            return FooterSkipReason.Range;
        }

        if (response.Headers.CacheControl.Count > 0 && CacheControlHeaderValue.TryParse(response.Headers.CacheControl.ToString(), out var cache) && cache.NoTransform)
        {
            return FooterSkipReason.NoTransform;
        }

        if (_context.GetEndpoint()?.Metadata.GetMetadata<SkipBadgeFooterAttribute>() is not null)
        {
            return FooterSkipReason.OptedOut;
        }

        var encoding = response.Headers.ContentEncoding.ToString().Trim();
        if (encoding.Length > 0 && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            if (encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase) || encoding.Equals("br", StringComparison.OrdinalIgnoreCase))
            {
                compressed = encoding.ToLowerInvariant();
            }
            else
            {
                return FooterSkipReason.ContentEncoding;
            }
        }

        return FooterSkipReason.None;
    }

    private void StartPump(string encoding)
    {
        _pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 256 * 1024, resumeWriterThreshold: 128 * 1024, useSynchronizationContext: false));
        _compressor = encoding == "gzip"
            ? new GZipStream(_inner.Stream, CompressionLevel.Fastest, leaveOpen: true)
            : new BrotliStream(_inner.Stream, CompressionLevel.Fastest, leaveOpen: true);
        Stream decompressor = encoding == "gzip"
            ? new GZipStream(_pipe.Reader.AsStream(), CompressionMode.Decompress)
            : new BrotliStream(_pipe.Reader.AsStream(), CompressionMode.Decompress);
        _pump = Task.Run(async () =>
        {
            await using (decompressor)
            await using (_compressor)
            {
                var buffer = new byte[16 * 1024];
                int read;
                while ((read = await decompressor.ReadAsync(buffer).ConfigureAwait(false)) > 0)
                {
                    var input = StageMemory(buffer.AsMemory(0, read));
                    var segments = SafeWrite(input.Span, out var abandoned);
                    await WriteSegmentsAsync(segments, input, _compressor, CancellationToken.None).ConfigureAwait(false);
                    if (abandoned)
                    {
                        await _compressor.WriteAsync(input).ConfigureAwait(false);
                    }
                }

                await CompleteStagingAsync(_compressor).ConfigureAwait(false);
                await WriteSegmentsAsync(SafeComplete(), default, _compressor, CancellationToken.None).ConfigureAwait(false);
            }
        });
    }

}
