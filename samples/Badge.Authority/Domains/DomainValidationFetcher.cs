using System.Net;
using System.Security.Cryptography;
using System.Text;
using Badge.Sdk.Identity;
using Microsoft.Extensions.Options;

namespace Badge.Authority.Domains;

/// <summary>
/// Fetches a domain-validation token the ACME way (RFC 8555 §8.3): <c>GET http://{domain}/.well-known/online-badge/{token}</c>
/// on <see cref="AuthorityOptions.DomainValidationPort"/>, redirects followed only to hosts the domain covers, one
/// deadline over connect, redirects and body, and a size cap. The body must be the token.
/// </summary>
public sealed class DomainValidationFetcher(IHttpClientFactory factory, IOptions<AuthorityOptions> options)
{
    /// <summary>The name of the <see cref="HttpClient"/> it uses; tests map host names to 127.0.0.1 on its handler.</summary>
    public const string ClientName = "badge-domain-validation";

    /// <summary>The most bytes read from the site.</summary>
    public const int MaxBodyBytes = 1024;

    private const int MaxRedirects = 3;

    /// <summary>The address the token is fetched from.</summary>
    /// <param name="domain">The badge's domain.</param>
    /// <param name="token">The token.</param>
    /// <param name="port">The port.</param>
    /// <returns>The address.</returns>
    public static Uri Url(SiteDomain domain, string token, int port) =>
        new UriBuilder(Uri.UriSchemeHttp, domain.Ascii, port, Badge.Sdk.Issuance.DomainValidation.WellKnownPath + token).Uri;

    /// <summary>Fetches the token; the answer is <see langword="null"/> when the site served it, else what was wrong.</summary>
    /// <param name="domain">The badge's domain.</param>
    /// <param name="token">The token.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    /// <returns>The failure, or <see langword="null"/>.</returns>
    public async Task<string?> FetchAsync(SiteDomain domain, string token, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.DomainValidationTimeout);
        var http = factory.CreateClient(ClientName);
        var url = Url(domain, token, settings.DomainValidationPort);
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.ConnectionClose = true;
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
                var status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    var next = location.IsAbsoluteUri ? location : new Uri(url, location);
                    if (next.Scheme != Uri.UriSchemeHttp || !domain.CoversHost(next.IdnHost)
                        || !(next.IsDefaultPort || next.Port == settings.DomainValidationPort))
                    {
                        return $"the site redirected to {next.GetLeftPart(UriPartial.Authority)}, outside http://{domain.Unicode}";
                    }

                    if (redirects >= MaxRedirects)
                    {
                        return $"the site redirected more than {MaxRedirects} times";
                    }

                    url = new UriBuilder(next) { Port = settings.DomainValidationPort }.Uri;
                    continue;
                }

                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return $"{url.AbsolutePath} answered {status}, not 200 with the token";
                }

                var body = await ReadCappedAsync(response.Content, deadline.Token);
                if (body is null)
                {
                    return $"the answer is longer than {MaxBodyBytes} bytes; serve the token alone";
                }

                var served = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Trim());
                return CryptographicOperations.FixedTimeEquals(served, Encoding.ASCII.GetBytes(token))
                    ? null
                    : "the site answered 200 with something other than the token";
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"the site did not answer within {settings.DomainValidationTimeout.TotalSeconds:0.#} s";
        }
        catch (HttpRequestException ex)
        {
            return $"http://{domain.Unicode} could not be reached: {ex.Message}";
        }
    }

    private static async Task<byte[]?> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken);
        await using (stream)
        {
            var buffer = new byte[MaxBodyBytes + 1];
            var filled = 0;
            while (filled < buffer.Length)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                filled += read;
            }

            return filled > MaxBodyBytes ? null : buffer[..filled];
        }
    }
}
