using System.Diagnostics.Metrics;
using Badge.Sdk.AspNetCore.Telemetry;

namespace Badge.Sdk.AspNetCore.Footer;

// Counters: pages given the footer, pages skipped with the reason, and badge refreshes by outcome. Names and tags
// follow the core's (badge.*; docs/telemetry.md).
internal sealed class BadgeFooterMetrics : IDisposable
{
    public const string MeterName = BadgeAspNetCoreTelemetry.Name;

    private readonly Meter _meter;
    private readonly Counter<long> _responses;
    private readonly Counter<long> _refreshes;

    public BadgeFooterMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName, BadgeAspNetCoreTelemetry.Version);
        _responses = _meter.CreateCounter<long>(BadgeAspNetCoreTelemetry.FooterResponsesCounter, "{response}", "HTML responses seen by the badge footer middleware, by outcome.");
        _refreshes = _meter.CreateCounter<long>(BadgeAspNetCoreTelemetry.FooterRefreshesCounter, "{refresh}", "Badge refreshes from the authority, by outcome and the footer state they left.");
    }

    public void Injected() => _responses.Add(1, new KeyValuePair<string, object?>(BadgeAspNetCoreTelemetry.Outcome, "injected"));

    public void Skipped(string reason) => _responses.Add(1, new KeyValuePair<string, object?>(BadgeAspNetCoreTelemetry.Outcome, "skipped"), new KeyValuePair<string, object?>(BadgeAspNetCoreTelemetry.FooterSkipReason, reason));

    public void Refreshed(string outcome, string state) =>
        _refreshes.Add(1, new KeyValuePair<string, object?>(BadgeAspNetCoreTelemetry.Outcome, outcome), new KeyValuePair<string, object?>(BadgeAspNetCoreTelemetry.FooterState, state));

    public void Dispose() => _meter.Dispose();
}
