using Badge.Sdk.Issuance;
using Badge.Sdk.Rendering;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Badge.Sdk.AspNetCore.Footer;

// Keeps every known badge fresh in the background: follows supersession, drops revoked badges, renders the fragment
// once per badge version and caches the image. Requests never wait for it; a failed read keeps the last good footer.
internal sealed class BadgeFooterRefresher : BackgroundService
{
    private readonly BadgeFooterCatalog _catalog;
    private readonly IBadgeAuthorityClient _authority;
    private readonly BadgeFooterOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<BadgeFooterRefresher> _logger;
    private readonly Dictionary<string, DateTimeOffset> _due = new(StringComparer.Ordinal);

    public BadgeFooterRefresher(BadgeFooterCatalog catalog, IBadgeAuthorityClient authority, IOptions<BadgeFooterOptions> options, TimeProvider time, ILogger<BadgeFooterRefresher> logger)
    {
        _catalog = catalog;
        _authority = authority;
        _options = options.Value;
        _time = time;
        _logger = logger;
        if (!string.IsNullOrEmpty(_options.BadgeId))
        {
            _catalog.Track(_options.BadgeId);
        }

        foreach (var id in _options.Hosts.Values.Distinct(StringComparer.Ordinal))
        {
            _catalog.Track(id);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // New ids first (a page is waiting to show them), then whatever is due.
            while (_catalog.Requests.TryRead(out var id))
            {
                _due[id] = DateTimeOffset.MinValue;
            }

            var now = _time.GetUtcNow();
            var due = _due.Where(d => d.Value <= now).Select(d => d.Key).ToList();
            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = stoppingToken }, async (id, ct) =>
            {
                var next = await RefreshAsync(id, ct) ? _options.RefreshInterval : _options.RetryInterval;
                lock (_due)
                {
                    _due[id] = _time.GetUtcNow() + next;
                }
            });

            var wait = _due.Count == 0 ? _options.RefreshInterval : _due.Values.Min() - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var waitForRequest = _catalog.Requests.WaitToReadAsync(wake.Token).AsTask();
                var delay = Task.Delay(wait, _time, wake.Token);
                await Task.WhenAny(waitForRequest, delay);
                await wake.CancelAsync();
                try
                {
                    await Task.WhenAll(waitForRequest, delay);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
    }

    // Exposed for tests and for hosts that want the first read done before serving.
    internal async Task<bool> RefreshAsync(string configuredId, CancellationToken cancellationToken)
    {
        try
        {
            var badge = await _authority.ResolveCurrentBadgeAsync(configuredId, cancellationToken);
            if (badge.Status == BadgeStatus.Pending)
            {
                // Domain control is not shown yet: the badge vouches for nothing, so pages show none. Look again
                // after RetryInterval; the site serves the token meanwhile (BadgeDomainValidationMiddleware).
                _catalog.Set(configuredId, null);
                return false;
            }

            if (badge.Status == BadgeStatus.Revoked)
            {
                if (_catalog.Get(configuredId) is not null)
                {
                    Log.Revoked(_logger, configuredId);
                }

                _catalog.Set(configuredId, null);
                return true;
            }

            var previous = _catalog.Get(configuredId);
            var certificate = await _authority.GetCertificateAsync(badge.Id, cancellationToken);
            if (previous is not null && previous.CurrentId == certificate.BadgeId && previous.Version == certificate.Version)
            {
                return true;
            }

            var fragment = BadgeFooterRenderer.RenderFooter(certificate, new BadgeFooterRenderOptions
            {
                Placement = _options.Placement,
                AssetPath = _options.AssetPath,
                OpenInNewTab = _options.OpenInNewTab,
            });
            byte[]? image = null;
            try
            {
                image = await _authority.GetBadgeImageAsync(certificate.BadgeId, cancellationToken);
            }
            catch (BadgeAuthorityException ex)
            {
                // The footer still links to the certificate; the image is tried again on the next refresh.
                Log.RefreshFailed(_logger, ex, configuredId, _options.RetryInterval);
            }

            if (previous is not null && previous.CurrentId != certificate.BadgeId)
            {
                Log.Superseded(_logger, previous.CurrentId, certificate.BadgeId);
            }

            _catalog.Set(configuredId, new FooterEntry(configuredId, certificate.BadgeId, certificate.Version, fragment, image));
            Log.Refreshed(_logger, configuredId, certificate.BadgeId, certificate.Version);
            return image is not null;
        }
        catch (Exception ex) when (ex is BadgeAuthorityException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Log.RefreshFailed(_logger, ex, configuredId, _options.RetryInterval);
            return false;
        }
    }
}
