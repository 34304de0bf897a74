using System.Globalization;
using System.Net.Http.Headers;

namespace Badge.Sdk.Issuance;

// Sits inside the resilience pipeline, under the attempt timeout, and reads every response body there, capped while
// it streams. So the attempt timeout covers the body (the client asks for ResponseHeadersRead), a body cut short is
// a transient HttpRequestException the retry strategy sees, and nothing past the cap is ever read.
internal sealed class BoundedResponseHandler : DelegatingHandler
{
    // The cap for one request; the client sets it (the image cap for badge images), else MaxResponseBytes applies.
    internal static readonly HttpRequestOptionsKey<int> LimitKey = new("Badge.Sdk.MaxResponseBytes");

    private readonly int _defaultLimit;

    public BoundedResponseHandler(int defaultLimit) => _defaultLimit = defaultLimit;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            var limit = request.Options.TryGetValue(LimitKey, out var set) ? set : _defaultLimit;
            var body = await ReadAsync(response, request, limit, cancellationToken).ConfigureAwait(false);
            var buffered = new ByteArrayContent(body.Array!, body.Offset, body.Count);
            foreach (var header in response.Content.Headers)
            {
                if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }

            response.Content.Dispose();
            response.Content = buffered;
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    // Reads the whole body, failing as soon as it passes the limit (by its Content-Length, or while streaming).
    // A transport fault while reading becomes an HttpRequestException, which the retry strategy treats as transient.
    internal static async Task<ArraySegment<byte>> ReadAsync(HttpResponseMessage response, HttpRequestMessage? request, int limit, CancellationToken cancellationToken)
    {
        var declared = response.Content.Headers.ContentLength;
        if (declared > limit)
        {
            throw TooLarge(response, request, limit, declared);
        }

        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var buffer = new byte[(int)Math.Min(declared ?? 4096, limit) + 1];
                var count = 0;
                while (true)
                {
                    if (count == buffer.Length)
                    {
                        if (buffer.Length > limit)
                        {
                            throw TooLarge(response, request, limit, null);
                        }

                        Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, (long)limit + 1));
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(count), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return new ArraySegment<byte>(buffer, 0, count);
                    }

                    count += read;
                    if (count > limit)
                    {
                        throw TooLarge(response, request, limit, null);
                    }
                }
            }
        }
        catch (IOException ex)
        {
            throw new HttpRequestException(HttpRequestError.ResponseEnded, $"The connection broke while the response body was read: {ex.Message}", ex);
        }
    }

    private static BadgeAuthorityException TooLarge(HttpResponseMessage response, HttpRequestMessage? request, int limit, long? declared) => new(
        string.Create(CultureInfo.InvariantCulture,
            $"The authority's answer to {request?.Method} {request?.RequestUri?.GetLeftPart(UriPartial.Path)} is larger than the {limit}-byte cap{(declared is null ? string.Empty : $" (Content-Length {declared})")}; reading stopped. Raise BadgeAuthorityClientOptions.MaxResponseBytes or MaxImageBytes only if the authority really sends this much."),
        (int)response.StatusCode, AuthorityErrorCodes.ResponseTooLarge, null, null);

    internal static bool IsMediaType(HttpContentHeaders headers, params string[] expected)
    {
        if (headers.ContentType?.MediaType is not { } mediaType)
        {
            return false;
        }

        foreach (var type in expected)
        {
            if (type.StartsWith('+')
                ? mediaType.EndsWith(type, StringComparison.OrdinalIgnoreCase)
                : string.Equals(mediaType, type, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
