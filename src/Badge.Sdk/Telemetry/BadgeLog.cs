using Microsoft.Extensions.Logging;

namespace Badge.Sdk.Telemetry;

// The core's log messages, source-generated. Event ids: 1xx the authority client, 2xx challenges, 3xx the
// certification runner. Values are ids, codes and states, never keys, tokens, passwords, challenge ids or QR payloads.
internal static partial class BadgeLog
{
    [LoggerMessage(101, LogLevel.Debug, "Authority call {Operation} ({Method} {Path}) answered {Status} in {ElapsedMs} ms.")]
    public static partial void AuthorityCallSucceeded(ILogger logger, string operation, string method, string path, int status, long elapsedMs);

    [LoggerMessage(102, LogLevel.Debug, "Authority call {Operation} ({Method} {Path}) is sent again: attempt {Attempt}.")]
    public static partial void AuthorityCallRetried(ILogger logger, string operation, string method, string path, int attempt);

    [LoggerMessage(103, LogLevel.Information, "Authority call {Operation} ({Method} {Path}) was refused with {Status} [{ErrorCode}] after {ElapsedMs} ms.")]
    public static partial void AuthorityCallRefused(ILogger logger, string operation, string method, string path, int status, string errorCode, long elapsedMs);

    [LoggerMessage(104, LogLevel.Information, "Authority call {Operation} ({Method} {Path}) failed without an answer ({ErrorType}) after {ElapsedMs} ms and {Attempts} attempt(s).")]
    public static partial void AuthorityCallFailed(ILogger logger, string operation, string method, string path, string errorType, long elapsedMs, int attempts);

    [LoggerMessage(201, LogLevel.Information, "A challenge answer for platform {Platform} was refused: {Reason}.")]
    public static partial void ChallengeRefused(ILogger logger, string platform, string reason);

    [LoggerMessage(202, LogLevel.Debug, "A challenge answer for platform {Platform} was accepted.")]
    public static partial void ChallengeAccepted(ILogger logger, string platform);

    [LoggerMessage(203, LogLevel.Warning, "A challenge answer could not be checked: the authority failed ({ErrorCode}); the challenge is unchanged.")]
    public static partial void ChallengeCheckFailed(ILogger logger, string errorCode);

    [LoggerMessage(301, LogLevel.Information, "Certification {CertificationId} ({Platform}) recorded: now {State}, {Steps} step(s) done.")]
    public static partial void CertificationRecorded(ILogger logger, string certificationId, string platform, string state, int steps);
}
