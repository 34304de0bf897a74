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

    [LoggerMessage(4, LogLevel.Warning, "Badge {BadgeId} could not be read from the authority; the last good footer stays in place. Next try in {Retry}.")]
    public static partial void RefreshFailed(ILogger logger, Exception exception, string badgeId, TimeSpan retry);

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
}
