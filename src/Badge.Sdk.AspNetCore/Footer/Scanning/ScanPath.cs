namespace Badge.Sdk.AspNetCore.Footer.Scanning;

/// <summary>How <see cref="HtmlEndOfBodyTokenizer"/> skips ordinary markup.</summary>
internal enum ScanPath : byte
{
    /// <summary>The exact tokenizer alone, byte state by byte state.</summary>
    Exact,

    /// <summary>The 256-bit fast path (what machines without AVX-512 VBMI run).</summary>
    Vector256,

    /// <summary>The widest fast path the machine supports.</summary>
    Best,
}
