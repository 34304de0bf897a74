using SkiaSharp;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace Badge.CredentialApp;

/// <summary>Reads the text of a QR code from an image file (PNG, JPEG, WebP…), as the phone's camera would.</summary>
public static class QrImage
{
    /// <summary>Decodes the QR code in an image.</summary>
    /// <param name="image">The image bytes.</param>
    /// <returns>The QR's text.</returns>
    /// <exception cref="InvalidDataException">The bytes are not an image, or it holds no readable QR code.</exception>
    public static string Read(byte[] image)
    {
        using var bitmap = SKBitmap.Decode(image) ?? throw new InvalidDataException("The file is not an image this app can read (PNG, JPEG, WebP, GIF, BMP).");
        var luminance = new byte[bitmap.Width * bitmap.Height];
        var pixels = bitmap.Pixels;
        for (var i = 0; i < pixels.Length; i++)
        {
            var p = pixels[i];

            // Transparent pixels count as white (a QR drawn on a transparent background).
            var alpha = p.Alpha / 255.0;
            luminance[i] = (byte)((((0.299 * p.Red) + (0.587 * p.Green) + (0.114 * p.Blue)) * alpha) + (255 * (1 - alpha)));
        }

        var source = new RGBLuminanceSource(luminance, bitmap.Width, bitmap.Height, RGBLuminanceSource.BitmapFormat.Gray8);
        var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.TRY_HARDER] = true };
        var result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints);
        return result?.Text ?? throw new InvalidDataException("No QR code could be read in the image.");
    }
}
