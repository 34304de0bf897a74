using Badge.Authority.Storage;
using Microsoft.Extensions.Options;

namespace Badge.Authority.Domains;

/// <summary>
/// Checks pending website badges again every <see cref="AuthorityOptions.DomainValidationInterval"/>, so a site that
/// starts serving its token (as <c>UseBadgeFooter()</c> does by itself) becomes active with no further step. A failing
/// site, store or fetch is logged and never stops the loop or the host.
/// </summary>
internal sealed partial class DomainValidationService(
    IServiceProvider services, IOptions<AuthorityOptions> options, TimeProvider time, ILogger<DomainValidationService> logger) : BackgroundService
{
    private const int BatchSize = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.DomainValidationInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken);
                await CheckPendingAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRoundFailed(logger, ex);
            }
        }
    }

    private async Task CheckPendingAsync(CancellationToken stoppingToken)
    {
        var store = services.GetRequiredService<IAuthorityStore>();
        var domains = services.GetRequiredService<WebsiteDomains>();
        foreach (var badge in store.ListPendingWebsiteBadges(BatchSize))
        {
            try
            {
                if (await domains.ValidateAsync(badge, stoppingToken) is null)
                {
                    LogValidated(logger, badge.Id, badge.Domain!);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogBadgeFailed(logger, badge.Id, ex);
            }
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Domain control of {Domain} shown: badge {BadgeId} is active")]
    private static partial void LogValidated(ILogger logger, string badgeId, string domain);

    [LoggerMessage(2, LogLevel.Warning, "Checking the domain of pending badge {BadgeId} failed")]
    private static partial void LogBadgeFailed(ILogger logger, string badgeId, Exception exception);

    [LoggerMessage(3, LogLevel.Warning, "A round of domain checks failed; the next round runs as usual")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
