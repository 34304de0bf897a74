using System.Security.Cryptography;
using System.Text;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Badge.Sdk.Certificates;

namespace Badge.Sdk.AspNetCore.Footer;

/// <summary>
/// Serves the domain-validation tokens of the configured badges that are pending
/// (<c>GET /.well-known/online-badge/{token}</c>), so a site running <c>UseBadgeFooter()</c> shows control of its domain
/// with no step of its own. A token is served only on a host its badge's domain covers. The badges are read from the
/// authority at most every two seconds, whoever asks; anything else under the path answers 404.
/// </summary>
internal sealed class BadgeDomainValidationMiddleware
{
    private static readonly PathString Prefix = new(DomainValidation.WellKnownPath.TrimEnd('/'));
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);

    private readonly RequestDelegate _next;
    private readonly IBadgeAuthorityClient _authority;
    private readonly string[] _badgeIds;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _sync = new();
    private Task<IReadOnlyList<(string Token, SiteDomain Domain)>>? _loading;
    private (DateTimeOffset At, IReadOnlyList<(string Token, SiteDomain Domain)> Tokens) _cache = (DateTimeOffset.MinValue, []);

    public BadgeDomainValidationMiddleware(
        RequestDelegate next, IBadgeAuthorityClient authority, IOptions<BadgeFooterOptions> options, TimeProvider time, ILogger<BadgeDomainValidationMiddleware> logger)
    {
        _next = next;
        _authority = authority;
        _time = time;
        _logger = logger;
        var value = options.Value;
        _badgeIds = value.Hosts.Values.Append(value.BadgeId).OfType<string>().Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
    }

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(Prefix, out var rest) || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
        {
            return _next(context);
        }

        return ServeAsync(context, rest.Value?.TrimStart('/') ?? string.Empty);
    }

    private async Task ServeAsync(HttpContext context, string token)
    {
        context.Response.Headers.CacheControl = "no-store";
        var tokens = token.Length is > 0 and <= 64 ? await TokensAsync(context.RequestAborted).ConfigureAwait(false) : [];
        var host = context.Request.Host.Host;
        var presented = Encoding.ASCII.GetBytes(token);
        foreach (var (candidate, domain) in tokens)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, Encoding.ASCII.GetBytes(candidate)) && domain.CoversHost(host))
            {
                context.Response.ContentType = "text/plain; charset=us-ascii";
                await context.Response.WriteAsync(candidate, context.RequestAborted).ConfigureAwait(false);
                return;
            }
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
    }

    // One read of the authority serves every request of the next two seconds, and concurrent requests share it.
    private Task<IReadOnlyList<(string Token, SiteDomain Domain)>> TokensAsync(CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (_time.GetUtcNow() - _cache.At < CacheFor)
            {
                return Task.FromResult(_cache.Tokens);
            }

            if (_loading is null || _loading.IsCompleted)
            {
                _loading = LoadAsync();
            }

            return _loading.WaitAsync(cancellationToken);
        }
    }

    private async Task<IReadOnlyList<(string Token, SiteDomain Domain)>> LoadAsync()
    {
        var tokens = new List<(string, SiteDomain)>();
        foreach (var id in _badgeIds)
        {
            try
            {
                var badge = await _authority.GetBadgeAsync(id, CancellationToken.None).ConfigureAwait(false);
                if (badge is { Status: BadgeStatus.Pending, DomainValidation: { } validation, Domain: { } domain })
                {
                    tokens.Add((validation.Token, domain));
                }
            }
            catch (BadgeAuthorityException ex)
            {
                Log.ValidationTokenUnavailable(_logger, ex, id, CacheFor);
            }
        }

        lock (_sync)
        {
            _cache = (_time.GetUtcNow(), tokens);
        }

        return tokens;
    }
}
