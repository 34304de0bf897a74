namespace Badge.Sdk.AspNetCore.Footer;

// What a RecompressionPump feeds the decompressed page to (the BadgeFooterBody's scanner), writing what comes out
// to `output`, the compressor.
internal interface IRecompressionSink
{
    // One decompressed chunk: scanned, the page (with the footer once its place is found) written to `output`.
    ValueTask WriteAsync(ReadOnlyMemory<byte> chunk, Stream output);

    // The end of the page, in two steps: what the legacy badge replacer still holds, then what the scanner holds.
    ValueTask CompleteStagingAsync(Stream output);

    ValueTask CompleteAsync(Stream output);
}
