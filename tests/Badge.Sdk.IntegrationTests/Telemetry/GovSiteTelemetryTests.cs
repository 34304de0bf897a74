using Badge.Sdk.IntegrationTests.Mistakes;

namespace Badge.Sdk.IntegrationTests.Telemetry;

/// <summary>The GovSite sample run as its own process with <c>--Badge:Telemetry:Console=true</c>.</summary>
public sealed class GovSiteTelemetryTests : IAsyncLifetime
{
    private static readonly string GovSite = Executable.Dll("samples/Badge.GovSite", "Badge.GovSite");
    private readonly string _data = Directory.CreateTempSubdirectory("badge-telemetry-").FullName;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the ended process; the temporary directory is cleaned up later.
        }

        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task ConsoleOption_PrintsTheSdksSpansAndMetrics()
    {
        await using var site = Executable.Start(GovSite, [
            "--urls=http://127.0.0.1:0", $"--Badge:DataDirectory={_data}", "--Badge:EmbeddedAuthorityUrl=http://127.0.0.1:0",
            "--Badge:Telemetry:Console=true", "--Badge:Telemetry:MetricsIntervalSeconds=1"]);

        await site.WaitForOutputAsync("Press Ctrl+C to stop", TimeSpan.FromSeconds(90));
        await site.WaitForOutputAsync("badge.authority.calls", TimeSpan.FromSeconds(30));

        var output = site.Output;
        // The console exporter's span and metric records, with the SDK's names and tags.
        Assert.Contains("badge.footer.refresh", output, StringComparison.Ordinal);
        Assert.Contains("badge.authority GetBadge", output, StringComparison.Ordinal);
        Assert.Contains("badge.outcome", output, StringComparison.Ordinal);
        Assert.Contains("api/v1/badges/{id}", output, StringComparison.Ordinal);
        Assert.Contains("badge.authority.call.duration", output, StringComparison.Ordinal);
        Assert.DoesNotContain("demo-institution-a", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutTheOption_NothingIsExported()
    {
        await using var site = Executable.Start(GovSite, ["--urls=http://127.0.0.1:0", $"--Badge:DataDirectory={_data}", "--Badge:EmbeddedAuthorityUrl=http://127.0.0.1:0"]);

        await site.WaitForOutputAsync("Press Ctrl+C to stop", TimeSpan.FromSeconds(90));

        Assert.DoesNotContain("badge.authority GetBadge", site.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("badge.footer.refresh", site.Output, StringComparison.Ordinal);
    }
}
