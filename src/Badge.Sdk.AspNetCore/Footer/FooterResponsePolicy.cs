using Badge.Sdk.AspNetCore.Footer.Scanning;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Badge.Sdk.AspNetCore.Footer;

// Which responses get the footer, and what the footer changes in their headers. One per middleware (it holds the
// options and the Content-Type cache); what belongs to one response (the validator it already versioned) stays
// with that response's BadgeFooterBody.
internal sealed class FooterResponsePolicy
{
    private readonly BadgeFooterOptions _options;
    private readonly ContentTypeCache _contentTypes;

    public FooterResponsePolicy(BadgeFooterOptions options, ContentTypeCache contentTypes)
    {
        _options = options;
        _contentTypes = contentTypes;
    }

    // Why this response passes through unchanged, or None. For an injected response, `compressed` is "gzip" or
    // "br" when the app's bytes must be recompressed, and `headerCharset` says whether the Content-Type header named
    // an ASCII-compatible charset (which then wins over a <meta> in the page).
    public FooterSkipReason Evaluate(HttpContext context, out string? compressed, out bool headerCharset)
    {
        compressed = null;
        headerCharset = false;
        var response = context.Response;
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

            headerCharset = true;
        }

        if (response.Headers.ContentRange.Count > 0)
        {
            return FooterSkipReason.Range;
        }

        if (response.Headers.CacheControl.Count > 0 && CacheControlHeaderValue.TryParse(response.Headers.CacheControl.ToString(), out var cache) && cache.NoTransform)
        {
            return FooterSkipReason.NoTransform;
        }

        if (context.GetEndpoint()?.Metadata.GetMetadata<SkipBadgeFooterAttribute>() is not null)
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

    // A 304 the app answered for an If-None-Match we mapped back to its own validator carries that validator: give
    // the client ours again, so its cached page (with the footer) stays the one it revalidates.
    public static void VersionNotModified(HttpResponse response, bool ifNoneMatchMapped, string versionTag)
    {
        if (response.StatusCode == StatusCodes.Status304NotModified && ifNoneMatchMapped && response.Headers.ETag.Count > 0)
        {
            response.Headers.ETag = ETags.Version(response.Headers.ETag.ToString(), versionTag);
        }
    }

    // The page with the footer is another representation: no length, digest or ranges of the app's, and its
    // validator made weak and versioned (once: a tag already ours, `versionedETag`, is left as it is).
    public static void FixHeaders(HttpResponse response, string versionTag, ref string? versionedETag)
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
            if (!string.Equals(etag, versionedETag, StringComparison.Ordinal))
            {
                versionedETag = ETags.Version(etag, versionTag);
                response.Headers.ETag = versionedETag;
            }
        }
    }
}
