using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace Badge.Sdk.Telemetry;

// The core package's one ActivitySource and one Meter, and every span, instrument and tag name it uses; documented
// in docs/telemetry.md (keep the two in step). Tags never carry keys, tokens, passwords, challenge ids or QR payloads.
internal static class BadgeTelemetry
{
    /// <summary>The name of the ActivitySource and of the Meter: what a tracing or metrics setup subscribes to.</summary>
    public const string Name = "Badge.Sdk";

    // Span names (Activity.OperationName). An authority call's display name is "badge.authority {operation}".
    public const string AuthorityCallSpan = "badge.authority.call";
    public const string CertificateLookupSpan = "badge.certificate.lookup";
    public const string ChallengeCreateSpan = "badge.challenge.create";
    public const string ChallengeVerifySpan = "badge.challenge.verify";
    public const string CertificationSpanPrefix = "badge.certification.";

    // OpenTelemetry semantic-convention tags (HTTP client, errors).
    public const string HttpRequestMethod = "http.request.method";
    public const string HttpResponseStatusCode = "http.response.status_code";
    public const string HttpRequestResendCount = "http.request.resend_count";
    public const string ServerAddress = "server.address";
    public const string ServerPort = "server.port";
    public const string UrlFull = "url.full";
    public const string UrlTemplate = "url.template";
    public const string ErrorType = "error.type";

    // The SDK's own tags.
    public const string Operation = "badge.operation";
    public const string Outcome = "badge.outcome";
    public const string BadgeId = "badge.id";
    public const string ErrorCode = "badge.error.code";
    public const string CacheResult = "badge.cache.result";
    public const string CertificateSource = "badge.certificate.source";
    public const string Platform = "badge.platform";
    public const string ChallengeDecision = "badge.challenge.decision";
    public const string ChallengeReason = "badge.challenge.reason";
    public const string CertificationId = "badge.certification.id";
    public const string CertificationStep = "badge.certification.step";
    public const string CertificationState = "badge.certification.state";

    /// <summary>The package version (the assembly's informational version, as MinVer sets it).</summary>
    public static readonly string Version = typeof(BadgeTelemetry).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static readonly ActivitySource Source = new(Name, Version);

    public static readonly Meter Meter = new(Name, Version);

    public static readonly Counter<long> AuthorityCalls = Meter.CreateCounter<long>(
        "badge.authority.calls", "{call}", "Calls to the badge authority, by operation and outcome.");

    public static readonly Histogram<double> AuthorityCallDuration = Meter.CreateHistogram<double>(
        "badge.authority.call.duration", "s", "Duration of calls to the badge authority, retries included, by operation and outcome.");

    public static readonly Counter<long> AuthorityRetries = Meter.CreateCounter<long>(
        "badge.authority.retries", "{retry}", "Attempts the resilience pipeline sent again, by operation.");

    public static readonly Counter<long> CertificateLookups = Meter.CreateCounter<long>(
        "badge.certificate.lookups", "{lookup}", "Certificate lookups, by cache result (hit or miss).");

    public static readonly Counter<long> ChallengesCreated = Meter.CreateCounter<long>(
        "badge.challenge.created", "{challenge}", "QR challenges created, by platform.");

    public static readonly Counter<long> ChallengeVerifications = Meter.CreateCounter<long>(
        "badge.challenge.verifications", "{verification}", "Challenge answers verified, by decision and reason.");

    public static readonly Counter<long> CertificationTransitions = Meter.CreateCounter<long>(
        "badge.certification.transitions", "{transition}", "Certification changes saved, by the state they left.");

    /// <summary>Marks a span failed with an OpenTelemetry <c>error.type</c>.</summary>
    public static void SetError(Activity? activity, string errorType, string? description = null)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(ErrorType, errorType);
        activity.SetStatus(ActivityStatusCode.Error, description);
    }
}
