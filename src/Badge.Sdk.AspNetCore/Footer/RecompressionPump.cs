using System.IO.Compression;
using System.IO.Pipelines;

namespace Badge.Sdk.AspNetCore.Footer;

// A precompressed page (gzip or br) on its way to the client: the app's compressed bytes go into a pipe, and a pump
// task decompresses them, hands the page to the sink (the scanner) and compresses what the sink writes again, onto
// the response's own stream. The pipe's back-pressure holds the app's writes while the pump is behind.
internal sealed class RecompressionPump
{
    private readonly Pipe _pipe;
    private readonly Stream _compressor;
    private readonly Stream _decompressor;
    private readonly IRecompressionSink _sink;
    private readonly Task _pump;

    // `encoding` is "gzip" or "br", as FooterResponsePolicy.Evaluate gives it.
    public RecompressionPump(string encoding, Stream output, IRecompressionSink sink)
    {
        _sink = sink;
        _pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 256 * 1024, resumeWriterThreshold: 128 * 1024, useSynchronizationContext: false));
        _compressor = encoding == "gzip"
            ? new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)
            : new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true);
        _decompressor = encoding == "gzip"
            ? new GZipStream(_pipe.Reader.AsStream(), CompressionMode.Decompress)
            : new BrotliStream(_pipe.Reader.AsStream(), CompressionMode.Decompress);
        _pump = Task.Run(PumpAsync);
    }

    // Ends when the whole page is compressed onto the output (after CompleteWritingAsync).
    public Task Completion => _pump;

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken) =>
        await _pipe.Writer.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);

    public void Write(ReadOnlySpan<byte> buffer)
    {
        // A synchronous write is reached only where the host turned on AllowSynchronousIO, that is, asked for
        // blocking writes; the pipe's back-pressure then blocks this thread as the host's own writes would.
#pragma warning disable RS0030 // sync over async, by the host's choice (see above)
        _pipe.Writer.WriteAsync(buffer.ToArray()).AsTask().GetAwaiter().GetResult();
#pragma warning restore RS0030
    }

    public ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken) => _pipe.Writer.FlushAsync(cancellationToken);

    // The app has written its last byte; await Completion for the pump to finish.
    public ValueTask CompleteWritingAsync() => _pipe.Writer.CompleteAsync();

    private async Task PumpAsync()
    {
        await using (_decompressor.ConfigureAwait(false))
        await using (_compressor.ConfigureAwait(false))
        {
            var buffer = new byte[BadgeFooterBody.CopyBufferSize];
            int read;
            while ((read = await _decompressor.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                await _sink.WriteAsync(buffer.AsMemory(0, read), _compressor).ConfigureAwait(false);
            }

            await _sink.CompleteStagingAsync(_compressor).ConfigureAwait(false);
            await _sink.CompleteAsync(_compressor).ConfigureAwait(false);
        }
    }
}
