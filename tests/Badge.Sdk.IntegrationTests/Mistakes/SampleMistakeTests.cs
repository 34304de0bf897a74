using System.Net;
using System.Net.Sockets;
using Badge.Sdk.TestData;

namespace Badge.Sdk.IntegrationTests.Mistakes;

/// <summary>
/// Ordinary mistakes with the samples, each run as the real executable: one or two lines saying what is wrong and
/// what to do, exit code 2, no stack trace (unless --verbose). Ports are always free ones picked here, never 5280/5080.
/// </summary>
public sealed class SampleMistakeTests : IAsyncLifetime
{
    private static readonly string GovSite = Executable.Dll("samples/Badge.GovSite", "Badge.GovSite");
    private static readonly string Platform = Executable.Dll("samples/Badge.Platform", "Badge.Platform");
    private static readonly string Authority = Executable.Dll("samples/Badge.Authority", "Badge.Authority");
    private static readonly string Quickstart = Executable.Dll("samples/Badge.Quickstart", "Badge.Quickstart");
    private readonly string _data = Directory.CreateTempSubdirectory("badge-mistakes-").FullName;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task GovSite_AuthorityPortHeldByAnotherProgram_StopsAndSaysWhatToDo()
    {
        using var other = Hold(out var port);

        var run = await Executable.RunAsync(GovSite, ["--urls=http://127.0.0.1:0", $"--Badge:DataDirectory={_data}", $"--Badge:EmbeddedAuthorityUrl=http://127.0.0.1:{port}"]);

        Executable.AssertMistake(run, 2, $"Port {port} is in use, and what listens there is not the badge authority emulator.", "--Badge:Authority=");
    }

    [Fact]
    public async Task Platform_AuthorityPortHeldByAnotherProgram_StopsAndSaysWhatToDo()
    {
        using var other = Hold(out var port);

        var run = await Executable.RunAsync(Platform, ["--Platform:Port=0", $"--Badge:DataDirectory={_data}", $"--Badge:EmbeddedAuthorityUrl=http://127.0.0.1:{port}"]);

        Executable.AssertMistake(run, 2, $"Port {port} is in use, and what listens there is not the badge authority emulator.");
    }

    [Fact]
    public async Task GovSite_AuthorityPortHeldByTheEmulator_UsesItAndSaysSo()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var port = emulator.Address.Port;

        await using var site = Executable.Start(GovSite, ["--urls=http://127.0.0.1:0", $"--Badge:DataDirectory={_data}", $"--Badge:EmbeddedAuthorityUrl=http://127.0.0.1:{port}"]);
        await site.WaitForOutputAsync("Press Ctrl+C to stop", TimeSpan.FromSeconds(60));

        Assert.Contains($"Port {port} is busy: an authority emulator already answers at http://127.0.0.1:{port}/, so this sample uses it.", site.Output, StringComparison.Ordinal);
        Assert.Contains($"Authority:        http://127.0.0.1:{port}/", site.Output, StringComparison.Ordinal);
        var badgeId = site.Output.Split("badge ")[^1].Trim().Split(null)[0];
        var badge = await emulator.Client().GetBadgeAsync(badgeId, TestContext.Current.CancellationToken);
        Assert.Equal("万载县人民政府办公室", badge.OrganizerName.Value);
    }

    [Fact]
    public async Task Platform_AuthorityPortHeldByTheEmulator_UsesIt_SoTheCredentialAndThePlatformTrustTheSameRoot()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var port = emulator.Address.Port;

        await using var platform = Executable.Start(Platform, ["--Platform:Id=douyin", "--Platform:Port=0", $"--Badge:DataDirectory={_data}", $"--Badge:EmbeddedAuthorityUrl=http://127.0.0.1:{port}"]);
        await platform.WaitForOutputAsync("Press Ctrl+C to stop", TimeSpan.FromSeconds(60));

        Assert.Contains($"an authority emulator already answers at http://127.0.0.1:{port}/", platform.Output, StringComparison.Ordinal);
        Assert.Contains($"Authority:          http://127.0.0.1:{port}/", platform.Output, StringComparison.Ordinal);
        Assert.Contains("Platform (douyin):", platform.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GovSite_SitePortInUse_SaysSoInOneOrTwoLines_AndVerboseShowsTheDetails()
    {
        using var other = Hold(out var port);
        string[] args = [$"--urls=http://127.0.0.1:{port}", $"--Badge:DataDirectory={_data}", "--Badge:EmbeddedAuthorityUrl=http://127.0.0.1:0"];

        var run = await Executable.RunAsync(GovSite, args);
        var verbose = await Executable.RunAsync(GovSite, [.. args, "--verbose"]);

        Executable.AssertMistake(run, 2, $"Cannot start the government site on http://127.0.0.1:{port}: the port is in use", "--urls=");
        Assert.Equal(2, verbose.Code);
        Assert.Contains("   at ", verbose.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GovSite_StartedTwice_TheSecondSaysTheFirstIsRunning()
    {
        var sitePort = FreePort();
        var authorityPort = FreePort();
        string[] args = [$"--urls=http://127.0.0.1:{sitePort}", $"--Badge:DataDirectory={_data}", $"--Badge:EmbeddedAuthorityUrl=http://127.0.0.1:{authorityPort}"];
        await using var first = Executable.Start(GovSite, args);
        await first.WaitForOutputAsync("Press Ctrl+C to stop", TimeSpan.FromSeconds(60));

        var second = await Executable.RunAsync(GovSite, args);

        Executable.AssertMistake(second, 2, $"Cannot start the government site on http://127.0.0.1:{sitePort}: the port is in use (is it already running in another terminal?)");
    }

    [Fact]
    public async Task GovSite_AuthorityWithoutBadgeId_SaysWhatIsMissing()
    {
        var run = await Executable.RunAsync(GovSite, ["--urls=http://127.0.0.1:0", $"--Badge:DataDirectory={_data}", "--Badge:Authority=http://127.0.0.1:5280"]);

        Executable.AssertMistake(run, 2, "--Badge:BadgeId is missing", "--Badge:BadgeId=<id>");
    }

    [Fact]
    public async Task GovSite_AuthorityWithoutScheme_SaysHowToWriteIt()
    {
        var run = await Executable.RunAsync(GovSite, ["--urls=http://127.0.0.1:0", $"--Badge:DataDirectory={_data}", "--Badge:Authority=127.0.0.1:5280", "--Badge:BadgeId=bdg-x"]);

        Executable.AssertMistake(run, 2, "--Badge:Authority='127.0.0.1:5280' is not an http(s) URL.", "--Badge:Authority=http://127.0.0.1:5280");
    }

    [Fact]
    public async Task Authority_PortInUse_SaysSo()
    {
        using var other = Hold(out var port);

        var run = await Executable.RunAsync(Authority, [$"--urls=http://127.0.0.1:{port}", $"--Authority:DatabasePath={Path.Combine(_data, "a.db")}"]);

        Executable.AssertMistake(run, 2, $"Cannot start the authority emulator on http://127.0.0.1:{port}: the port is in use");
    }

    [Fact]
    public async Task Quickstart_WithoutArguments_PrintsUsage()
    {
        var run = await Executable.RunAsync(Quickstart, []);

        Assert.Equal(2, run.Code);
        Assert.Contains("Usage: dotnet run --project samples/Badge.Quickstart -- <code> [<domain>]", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Code '", run.Output, StringComparison.Ordinal);
    }

    private static TcpListener Hold(out int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        port = ((IPEndPoint)listener.LocalEndpoint).Port;
        return listener;
    }

    private static int FreePort()
    {
        using var listener = Hold(out var port);
        return port;
    }
}
