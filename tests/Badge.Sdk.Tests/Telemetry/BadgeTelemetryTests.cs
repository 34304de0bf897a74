using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using Badge.Sdk.Telemetry;
using Microsoft.Extensions.Logging;

namespace Badge.Sdk.Tests.Telemetry;

// The names an operator's tracing and metrics setup matches on: the core's source, meter, spans, tags, instruments
// and log events, held against docs/telemetry.md so the document and the code stay in step.
public sealed class BadgeTelemetryTests
{
    private static readonly Lazy<string> Document = new(() =>
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "docs", "telemetry.md")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        return File.ReadAllText(Path.Combine(directory.FullName, "docs", "telemetry.md"));
    });

    public static TheoryData<string, string> Names()
    {
        var data = new TheoryData<string, string>();
        foreach (var field in typeof(BadgeTelemetry).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)))
        {
            data.Add(field.Name, (string)field.GetRawConstantValue()!);
        }

        return data;
    }

    public static TheoryData<string> Instruments()
    {
        var data = new TheoryData<string>();
        foreach (var field in typeof(BadgeTelemetry).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => typeof(Instrument).IsAssignableFrom(f.FieldType)))
        {
            data.Add(field.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void EverySpanAndTagName_IsDocumented(string field, string name) =>
        Assert.True(Document.Value.Contains("`" + name, StringComparison.Ordinal), $"BadgeTelemetry.{field} ('{name}') is not in docs/telemetry.md");

    [Fact]
    public void TheNames_AreLowerCaseDottedAndDistinct()
    {
        var names = Names().Select(row => row.Data.Item2).Where(n => n != BadgeTelemetry.Name).ToList();

        Assert.All(names, n => Assert.Matches("^[a-z][a-z_]*(\\.[a-z_]+)*\\.?$", n));
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(Instruments))]
    public void EveryInstrument_IsDocumentedWithItsUnit(string field)
    {
        var instrument = (Instrument)typeof(BadgeTelemetry).GetField(field, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

        Assert.Same(BadgeTelemetry.Meter, instrument.Meter);
        Assert.False(string.IsNullOrEmpty(instrument.Description));
        Assert.True(Document.Value.Contains($"| `{instrument.Name}` | `{instrument.Unit}` |", StringComparison.Ordinal),
            $"{instrument.Name} ({instrument.Unit}) is not in the instruments table of docs/telemetry.md");
    }

    [Fact]
    public void TheSourceAndMeter_CarryThePackageNameAndVersion()
    {
        Assert.Equal(("Badge.Sdk", "Badge.Sdk"), (BadgeTelemetry.Source.Name, BadgeTelemetry.Meter.Name));
        Assert.Equal((BadgeTelemetry.Version, BadgeTelemetry.Version), (BadgeTelemetry.Source.Version, BadgeTelemetry.Meter.Version));
        Assert.DoesNotContain('+', BadgeTelemetry.Version);
        Assert.Matches(@"^\d+\.\d+\.\d+", BadgeTelemetry.Version);
    }

    [Fact]
    public void EveryLogEvent_IsDocumentedWithItsLevel()
    {
        var events = typeof(BadgeLog).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>())
            .OfType<LoggerMessageAttribute>()
            .ToList();

        Assert.True(events.Count >= 8, "the core's log events were not found");
        Assert.All(events, e => Assert.True(
            Document.Value.Contains($"| {e.EventId} | {e.Level} |", StringComparison.Ordinal),
            $"log event {e.EventId} ({e.Level}) is not in the log table of docs/telemetry.md"));
        Assert.Equal(events.Count, events.Select(e => e.EventId).Distinct().Count());
    }

    [Fact]
    public void SetError_MarksTheSpanFailedWithTheErrorType()
    {
        using var activity = new Activity("test").Start();

        BadgeTelemetry.SetError(activity, "unknown_badge", "no such badge");

        Assert.Equal(("unknown_badge", ActivityStatusCode.Error, "no such badge"), (activity.GetTagItem(BadgeTelemetry.ErrorType) as string, activity.Status, activity.StatusDescription));
    }

    [Fact]
    public void SetError_WithoutASpan_DoesNothing()
    {
        var ex = Record.Exception(() => BadgeTelemetry.SetError(null, "transport_error"));

        Assert.Null(ex);
    }
}
