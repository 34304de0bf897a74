using System.Diagnostics.Metrics;

namespace Badge.Sdk.AspNetCore.Footer;

// Counters: pages given the footer, pages skipped with the reason, and badge refreshes by outcome.
internal sealed class BadgeFooterMetrics : IDisposable
{
    public const string MeterName = Telemetry.BadgeAspNetCoreTelemetry.Name;

    private readonly Meter _meter;
    private readonly Counter<long> _responses;
    private readonly Counter<long> _refreshes;

    public BadgeFooterMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName, Telemetry.BadgeAspNetCoreTelemetry.Version);
        _responses = _meter.CreateCounter<long>("badge_footer.responses", description: "HTML responses seen by the badge footer middleware, by outcome.");
        _refreshes = _meter.CreateCounter<long>("badge_footer.refreshes", "{refresh}", "Badge refreshes from the authority, by outcome and the footer state they left.");
    }

    public void Injected() => _responses.Add(1, new KeyValuePair<string, object?>("outcome", "injected"));

    public void Skipped(string reason) => _responses.Add(1, new KeyValuePair<string, object?>("outcome", "skipped"), new KeyValuePair<string, object?>("reason", reason));

    public void Refreshed(string outcome, string state) =>
        _refreshes.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("state", state));

    public void Dispose() => _meter.Dispose();
}
