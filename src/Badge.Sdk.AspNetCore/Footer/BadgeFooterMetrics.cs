using System.Diagnostics.Metrics;

namespace Badge.Sdk.AspNetCore.Footer;

// Counters: pages given the footer, and pages skipped with the reason.
internal sealed class BadgeFooterMetrics : IDisposable
{
    public const string MeterName = "Badge.Sdk.AspNetCore";

    private readonly Meter _meter;
    private readonly Counter<long> _responses;

    public BadgeFooterMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _responses = _meter.CreateCounter<long>("badge_footer.responses", description: "HTML responses seen by the badge footer middleware, by outcome.");
    }

    public void Injected() => _responses.Add(1, new KeyValuePair<string, object?>("outcome", "injected"));

    public void Skipped(string reason) => _responses.Add(1, new KeyValuePair<string, object?>("outcome", "skipped"), new KeyValuePair<string, object?>("reason", reason));

    public void Dispose() => _meter.Dispose();
}
