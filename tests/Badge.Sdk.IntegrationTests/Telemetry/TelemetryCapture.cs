using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Badge.Sdk.IntegrationTests.Telemetry;

/// <summary>
/// The spans of one test: listens to the SDK's sources (and HttpClient's), and keeps only the activities of the trace
/// the test opened with <see cref="Begin"/>, so tests running at once in this process do not see each other's spans.
/// </summary>
internal sealed class TelemetryCapture : IDisposable
{
    private const string TestSourceName = "Badge.Sdk.IntegrationTests.Telemetry";
    private static readonly ActivitySource TestSource = new(TestSourceName);

    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private Activity? _root;

    public TelemetryCapture()
    {
        _listener = new ActivityListener
        {
            // Constants only: this runs while the type's statics may still be initialising (TestSource's creation).
            ShouldListenTo = source => source.Name is "Badge.Sdk" or "Badge.Sdk.AspNetCore" or "System.Net.Http" or TestSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (_root is not null && activity.TraceId == _root.TraceId && activity != _root)
                {
                    _stopped.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The test's root span; every span the SDK starts under it is captured.</summary>
    public Activity Begin()
    {
        _root = TestSource.StartActivity("test")!;
        Assert.NotNull(_root);
        return _root;
    }

    /// <summary>The spans stopped so far under the root.</summary>
    public IReadOnlyList<Activity> Spans => [.. _stopped];

    /// <summary>Every tag and event tag value of the captured spans, with the span names, as text.</summary>
    public IEnumerable<string> Texts() => Spans.SelectMany(a =>
        new[] { a.DisplayName, a.OperationName, a.StatusDescription ?? string.Empty }
            .Concat(a.TagObjects.Select(t => $"{t.Key}={t.Value}"))
            .Concat(a.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name} {t.Key}={t.Value}"))));

    public void Dispose()
    {
        _root?.Dispose();
        _listener.Dispose();
    }
}

/// <summary>Every log line written, formatted, with its structured values.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, EventId Id, string Text)> _lines = new();

    public IReadOnlyList<(string Category, LogLevel Level, EventId Id, string Text)> Lines => [.. _lines];

    public ILoggerFactory Factory() => LoggerFactory.Create(b => b.AddProvider(this).SetMinimumLevel(LogLevel.Trace));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            owner._lines.Enqueue((category, logLevel, eventId, $"{formatter(state, exception)} | {values} | {exception?.Message}"));
        }
    }
}
