using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Badge.Sdk.Certificates;

namespace Badge.Sdk.Rendering;

/// <summary>
/// Renders the badge footer: a <c>&lt;div&gt;</c> wrapping a link to the certificate page (标识证书基本信息) and the
/// badge image, and the authority-style embed code for sites that paste it. Pure functions.
/// </summary>
/// <remarks>
/// The fragment is pure ASCII (Chinese text as numeric character references), so it is valid in UTF-8, GBK,
/// GB18030 and Big5 pages alike; it has no inline script and no <c>style</c> attribute, so it works under
/// <c>Content-Security-Policy: default-src 'self'</c>: it is styled by class from a stylesheet, and shows an image,
/// both served from <see cref="BadgeFooterRenderOptions.AssetPath"/> on the site's own origin.
/// Every value is HTML-encoded exactly once.
/// </remarks>
public static class BadgeFooterRenderer
{
    /// <summary>The attribute that marks a rendered footer; a page that carries it is not given a second one.</summary>
    public const string MarkerAttribute = "data-online-badge";

    /// <summary>The image's width in CSS pixels.</summary>
    public const int ImageWidth = 110;

    /// <summary>The image's height in CSS pixels.</summary>
    public const int ImageHeight = 128;

    // HtmlEncoder.Default encodes everything outside Basic Latin as a numeric reference: the output is ASCII.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    /// <summary>The stylesheet the fragment's classes refer to, served at <c>{AssetPath}/badge.css</c>.</summary>
    public static ReadOnlySpan<byte> Stylesheet =>
        ".online-badge{display:flex;justify-content:center;clear:both;padding:16px 0 8px;margin:0}"u8
        + ".online-badge--center{justify-content:center}.online-badge--left{justify-content:flex-start}.online-badge--right{justify-content:flex-end}"u8
        + ".online-badge__link{display:inline-block;line-height:0}.online-badge__image{width:110px;height:128px;border:0}"u8;

    /// <summary>Renders the footer fragment for a badge's certificate.</summary>
    /// <param name="certificate">The badge's certificate facts (its id, version, organizer and certificate page).</param>
    /// <param name="options">Rendering options; <see langword="null"/> for the defaults.</param>
    /// <returns>The fragment as ASCII bytes.</returns>
    /// <exception cref="ArgumentException">
    /// The certificate has no certificate page address or one that is not absolute http(s), or the asset path is not a path.
    /// </exception>
    public static byte[] RenderFooter(BadgeCertificate certificate, BadgeFooterRenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        options ??= new BadgeFooterRenderOptions();
        if (certificate.CertificateUrl is null)
        {
            throw new ArgumentException($"The certificate of badge '{certificate.BadgeId}' has no CertificateUrl to link to.", nameof(certificate));
        }

        if (!certificate.CertificateUrl.IsAbsoluteUri || (certificate.CertificateUrl.Scheme != Uri.UriSchemeHttps && certificate.CertificateUrl.Scheme != Uri.UriSchemeHttp))
        {
            // A javascript: or data: link would run in the site's origin when clicked.
            throw new ArgumentException(
                $"The CertificateUrl of badge '{certificate.BadgeId}' is not an absolute http or https address; the footer links only to one.", nameof(certificate));
        }

        var assets = AssetPath(options);
        var placement = options.Placement switch
        {
            BadgePlacement.Left => "left",
            BadgePlacement.Right => "right",
            _ => "center",
        };
        var id = certificate.BadgeId;
        var alt = "网上标识：" + certificate.OrganizerName.Value;
        var html = new StringBuilder(512)
            .Append("<div class=\"online-badge online-badge--").Append(placement).Append("\" ")
            .Append(MarkerAttribute).Append("=\"").Append(Encoder.Encode(id)).Append("\" data-online-badge-version=\"")
            .Append(certificate.Version.ToString(CultureInfo.InvariantCulture)).Append("\">")
            .Append("<link rel=\"stylesheet\" href=\"").Append(Encoder.Encode(assets + "/badge.css")).Append("\">")
            .Append("<a class=\"online-badge__link\" href=\"").Append(Encoder.Encode(certificate.CertificateUrl.AbsoluteUri)).Append('"');
        if (options.OpenInNewTab)
        {
            html.Append(" target=\"_blank\" rel=\"noopener\"");
        }

        html.Append(" title=\"").Append(Encoder.Encode("点击查看标识证书基本信息")).Append("\">")
            .Append("<img class=\"online-badge__image\" src=\"")
            .Append(Encoder.Encode($"{assets}/{Uri.EscapeDataString(id)}.svg?v={certificate.Version.ToString(CultureInfo.InvariantCulture)}"))
            .Append("\" width=\"").Append(ImageWidth.ToString(CultureInfo.InvariantCulture))
            .Append("\" height=\"").Append(ImageHeight.ToString(CultureInfo.InvariantCulture))
            .Append("\" alt=\"").Append(Encoder.Encode(alt)).Append("\"></a></div>");
        return Encoding.ASCII.GetBytes(html.ToString());
    }

    /// <summary>
    /// Renders the embed code (加注代码) the authority hands out for sites that paste code instead of using the
    /// middleware: an <c>async</c> script that draws the badge after itself, and a <c>&lt;noscript&gt;</c> link and
    /// image. Wrap it in a <c>&lt;div&gt;</c> at the bottom of the home page, as the manual says.
    /// </summary>
    /// <param name="badgeId">The badge id.</param>
    /// <param name="scriptUrl">The authority's embed script for the badge.</param>
    /// <param name="certificateUrl">The certificate page.</param>
    /// <param name="imageUrl">The badge image.</param>
    /// <param name="organizerName">The organizer name, for the image's alternative text.</param>
    /// <returns>The embed code (ASCII).</returns>
    public static string RenderEmbedCode(string badgeId, Uri scriptUrl, Uri certificateUrl, Uri imageUrl, string organizerName)
    {
        ArgumentException.ThrowIfNullOrEmpty(badgeId);
        ArgumentNullException.ThrowIfNull(scriptUrl);
        ArgumentNullException.ThrowIfNull(certificateUrl);
        ArgumentNullException.ThrowIfNull(imageUrl);
        ArgumentNullException.ThrowIfNull(organizerName);
        var alt = "网上标识：" + organizerName;
        return $"<script async src=\"{Encoder.Encode(scriptUrl.AbsoluteUri)}\" data-badge-id=\"{Encoder.Encode(badgeId)}\"></script>"
            + $"<noscript><a href=\"{Encoder.Encode(certificateUrl.AbsoluteUri)}\" target=\"_blank\" rel=\"noopener\">"
            + $"<img src=\"{Encoder.Encode(imageUrl.AbsoluteUri)}\" alt=\"{Encoder.Encode(alt)}\" width=\"{ImageWidth}\" height=\"{ImageHeight}\"></a></noscript>";
    }

    private static string AssetPath(BadgeFooterRenderOptions options)
    {
        var path = options.AssetPath;
        if (string.IsNullOrEmpty(path) || path[0] != '/' || path.StartsWith("//", StringComparison.Ordinal) || path.Contains("://", StringComparison.Ordinal))
        {
            throw new ArgumentException($"AssetPath '{path}' must be a path on the site's own origin, starting with a single '/'.", nameof(options));
        }

        return path.TrimEnd('/');
    }
}
