using QRCoder;

namespace Badge.Sdk.QrCodes;

/// <summary>
/// Renders the QR a platform shows for a challenge. The QR holds only the challenge's URL (no code, no secret), at
/// error correction level M, and never above <see cref="MaxVersion"/> so it scans from a screen across a room.
/// </summary>
public static class ChallengeQrCode
{
    /// <summary>The largest QR version rendered (41 × 41 modules).</summary>
    public const int MaxVersion = 6;

    /// <summary>The QR version a URL needs at level M.</summary>
    /// <param name="url">The challenge URL.</param>
    /// <returns>The version, 1 to 40.</returns>
    /// <exception cref="ArgumentException">The URL is empty or not absolute.</exception>
    public static int VersionFor(string url)
    {
        using var data = Encode(url, checkVersion: false);
        return data.Version;
    }

    /// <summary>Renders the QR as a PNG (black on white, with the standard four-module quiet zone).</summary>
    /// <param name="url">The challenge URL.</param>
    /// <param name="pixelsPerModule">The size of one module in pixels. Default 8 (a 392-pixel image at version 6).</param>
    /// <returns>The PNG bytes.</returns>
    /// <exception cref="ArgumentException">The URL is not absolute, or needs a version above <see cref="MaxVersion"/>.</exception>
    public static byte[] RenderPng(string url, int pixelsPerModule = 8)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelsPerModule, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pixelsPerModule, 64);
        using var data = Encode(url, checkVersion: true);
        using var png = new PngByteQRCode(data);
        return png.GetGraphic(pixelsPerModule);
    }

    /// <summary>Renders the QR as a standalone SVG document (it scales; no script, no external reference).</summary>
    /// <param name="url">The challenge URL.</param>
    /// <param name="pixelsPerModule">The size of one module in SVG user units. Default 8.</param>
    /// <returns>The SVG text.</returns>
    /// <exception cref="ArgumentException">The URL is not absolute, or needs a version above <see cref="MaxVersion"/>.</exception>
    public static string RenderSvg(string url, int pixelsPerModule = 8)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelsPerModule, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pixelsPerModule, 64);
        using var data = Encode(url, checkVersion: true);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(pixelsPerModule);
    }

    private static QRCodeData Encode(string url, bool checkVersion)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"url: '{url}' is not an absolute http(s) URL.", nameof(url));
        }

        var data = QRCodeGenerator.GenerateQrCode(url, QRCodeGenerator.ECCLevel.M);
        if (checkVersion && data.Version > MaxVersion)
        {
            var version = data.Version;
            data.Dispose();
            throw new ArgumentException(
                $"url: {url.Length} characters need QR version {version} at level M; at most {MaxVersion} is rendered. Shorten the public base address or the route prefix.",
                nameof(url));
        }

        return data;
    }
}
