using Badge.Sdk.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Badge.Sdk.AspNetCore.Footer.Scanning;

namespace Badge.Sdk.AspNetCore.Footer;

internal sealed class BadgeFooterMiddleware
{
    private readonly RequestDelegate _next;
    private readonly BadgeFooterOptions _options;
    private readonly BadgeFooterCatalog _catalog;
    private readonly IBadgeFooterResolver _resolver;
    private readonly BadgeFooterMetrics _metrics;
    private readonly ILogger<BadgeFooterMiddleware> _logger;
    private readonly PathString _assets;
    private readonly FooterResponsePolicy _policy;

    public BadgeFooterMiddleware(RequestDelegate next, IOptions<BadgeFooterOptions> options, BadgeFooterCatalog catalog, IBadgeFooterResolver resolver, BadgeFooterMetrics metrics, ILogger<BadgeFooterMiddleware> logger)
    {
        _next = next;
        _options = options.Value;
        _catalog = catalog;
        _resolver = resolver;
        _metrics = metrics;
        _logger = logger;
        _assets = new PathString(_options.AssetPath.TrimEnd('/'));
        _policy = new FooterResponsePolicy(_options, new ContentTypeCache());
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(_assets, out var rest))
        {
            await ServeAssetAsync(context, rest).ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            await _next(context).ConfigureAwait(false);
            return;
        }

        foreach (var excluded in _options.ExcludedPaths)
        {
            if (context.Request.Path.StartsWithSegments(excluded, StringComparison.OrdinalIgnoreCase))
            {
                await _next(context).ConfigureAwait(false);
                return;
            }
        }

        var badgeId = _resolver.ResolveBadgeId(context);
        var entry = badgeId is null ? null : _catalog.Get(badgeId);
        if (entry is null)
        {
            // Never wait for the authority: this page goes out without the badge, the refresher fetches it.
            if (badgeId is not null)
            {
                Log.Skipped(_logger, context.Request.Path, "badge not available yet");
            }

            await _next(context).ConfigureAwait(false);
            return;
        }

        var mapped = false;
        if (context.Request.Headers.IfNoneMatch.Count > 0)
        {
            context.Request.Headers.IfNoneMatch = ETags.MapIfNoneMatch(context.Request.Headers.IfNoneMatch, entry.VersionTag, out mapped);
        }

        var original = context.Features.Get<IHttpResponseBodyFeature>()!;
        var body = new BadgeFooterBody(context, original, entry, _options, _policy, _logger, _metrics, mapped);
        context.Features.Set<IHttpResponseBodyFeature>(body);
        context.Features.Set<IBadgeFooterPlacementFeature>(body);
        try
        {
            await _next(context).ConfigureAwait(false);
            await body.FinishAsync().ConfigureAwait(false);
        }
        finally
        {
            context.Features.Set(original);
            context.Features.Set<IBadgeFooterPlacementFeature>(null);
        }
    }

    private async Task ServeAssetAsync(HttpContext context, PathString rest)
    {
        var name = rest.Value?.TrimStart('/') ?? string.Empty;
        if (name == "badge.css")
        {
            context.Response.ContentType = "text/css; charset=utf-8";
            context.Response.Headers.CacheControl = "public, max-age=86400";
            await context.Response.Body.WriteAsync(BadgeFooterRenderer.Stylesheet.ToArray()).ConfigureAwait(false);
            return;
        }

        if (name.EndsWith(".svg", StringComparison.Ordinal) && _catalog.FindByCurrentId(Uri.UnescapeDataString(name[..^4])) is { Image: { } image })
        {
            context.Response.ContentType = "image/svg+xml";
            context.Response.Headers.CacheControl = "public, max-age=3600";
            context.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
            // An SVG opened directly must not run script, whatever the authority sent.
            context.Response.Headers[HeaderNames.ContentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'";
            context.Response.ContentLength = image.Length;
            await context.Response.Body.WriteAsync(image).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
