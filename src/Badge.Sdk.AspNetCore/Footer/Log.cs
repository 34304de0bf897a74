using Microsoft.Extensions.Logging;

namespace Badge.Sdk.AspNetCore.Footer;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "Badge footer added to {Path} (badge {BadgeId}).")]
    public static partial void Injected(ILogger logger, string path, string badgeId);

    [LoggerMessage(2, LogLevel.Debug, "Badge footer not added to {Path}: {Reason}.")]
    public static partial void Skipped(ILogger logger, string path, string reason);

    [LoggerMessage(3, LogLevel.Information, "Badge {ConfiguredId} is now shown as {CurrentId} version {Version}.")]
    public static partial void Refreshed(ILogger logger, string configuredId, string currentId, int version);

    [LoggerMessage(4, LogLevel.Warning, "The badge authority cannot be read (badge {BadgeId}): {Reason} {Consequence} Retrying with backoff (next try in {Retry}); until it answers, further failures are logged at Debug.")]
    public static partial void AuthorityDown(ILogger logger, Exception? exception, string badgeId, string reason, string consequence, TimeSpan retry);

    [LoggerMessage(5, LogLevel.Warning, "Badge {BadgeId} is revoked; pages no longer show it.")]
    public static partial void Revoked(ILogger logger, string badgeId);

    [LoggerMessage(6, LogLevel.Error, "The badge footer scanner failed on {Path}; the rest of that response is sent unchanged.")]
    public static partial void ScannerFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(7, LogLevel.Warning, "A response to {Path} was compressed inside UseBadgeFooter(); put UseBadgeFooter() after UseResponseCompression() so pages are not decompressed and compressed twice.")]
    public static partial void CompressionOrder(ILogger logger, string path);

    [LoggerMessage(9, LogLevel.Information, "Replaced {Count} legacy badge(s) on {Path} with badge {BadgeId}.")]
    public static partial void LegacyReplaced(ILogger logger, string path, int count, string badgeId);

    [LoggerMessage(8, LogLevel.Information, "Badge {BadgeId} was superseded by {SuccessorId}; pages now show the successor.")]
    public static partial void Superseded(ILogger logger, string badgeId, string successorId);

    [LoggerMessage(10, LogLevel.Warning, "The badge authority answers again: badge {BadgeId} was read after {Failures} failed attempt(s).")]
    public static partial void AuthorityBack(ILogger logger, string badgeId, int failures);

    [LoggerMessage(11, LogLevel.Debug, "Badge {BadgeId} refresh failed again ({Reason}); next try in {Retry}.")]
    public static partial void RetryScheduled(ILogger logger, Exception? exception, string badgeId, string reason, TimeSpan retry);

    [LoggerMessage(12, LogLevel.Error, "Badge {BadgeId} is unknown to the badge authority: {Reason} Pages go out without a badge. Fix: configure an id this authority issued (BadgeFooterOptions.BadgeId or Hosts; its certificate page is the authority's /certificates/<id>). Tried again in {Retry}, then less and less often.")]
    public static partial void UnknownBadge(ILogger logger, string badgeId, string reason, TimeSpan retry);

    [LoggerMessage(13, LogLevel.Error, "Badge {BadgeId} cannot be shown: {Reason} Pages go out without a badge. Tried again in {Retry}, then less and less often.")]
    public static partial void BadgeRejected(ILogger logger, string badgeId, string reason, TimeSpan retry);

    [LoggerMessage(14, LogLevel.Error, "The badge refresher hit an unexpected error; it carries on.")]
    public static partial void RefresherFault(ILogger logger, Exception exception);

    [LoggerMessage(15, LogLevel.Debug, "Refreshing badge {BadgeId}.")]
    public static partial void Refreshing(ILogger logger, string badgeId);

    [LoggerMessage(16, LogLevel.Warning, "The domain-validation token of badge {BadgeId} could not be read from the authority; the site does not serve it until the next try in {Retry}.")]
    public static partial void ValidationTokenUnavailable(ILogger logger, Exception exception, string badgeId, TimeSpan retry);
}
