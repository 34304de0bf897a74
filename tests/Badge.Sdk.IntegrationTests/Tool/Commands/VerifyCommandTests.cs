using System.Text;
using Badge.Sdk.IntegrationTests.Mistakes;
using Badge.Sdk.IntegrationTests.Verification;
using Badge.Sdk.Rendering;
using Badge.Tool;
using static Badge.Sdk.TestData.EmulatorHost;

namespace Badge.Sdk.IntegrationTests.Tool.Commands;

/// <summary>
/// <c>badge verify</c> of one site: the exit code says pass or findings (sites on a raw server on 127.0.0.1, the
/// emulator as the authority), and ordinary mistakes, made with the real built tool as a user makes them, each get
/// a line or two saying what is wrong and what to do, exit code 2 (usage or input error), and no stack trace.
/// </summary>
public sealed class VerifyCommandTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private static readonly string Badge = Executable.Dll("src/Badge.Tool", "badge");
    private readonly EmulatorHost _authority = fixture.Host;
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..6];
    private HostileSiteServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _server = new HostileSiteServer();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    // Nothing here may reach a network: the authority is a closed port on loopback.
    private static Task<(int Code, string Output, string Error)> RunAsync(params string[] args) =>
        Executable.RunAsync(Badge, [.. args, "--authority", "http://127.0.0.1:9/"]);

    private Task<int> InProcess(params string[] args) =>
        BadgeCommand.RunAsync([.. args, "--authority", _authority.Address.ToString(), "--connect-to", $"127.0.0.1:{_server.Port}"], Ct);

    // Under demo institution A's seeded registration, so its website badges are active at once (not pending).
    private string Host(string name) => $"{name}-{_suffix}.{RegisteredA}";

    private static void NoStackTrace(string text) => Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);

    private static int Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;

    [Fact]
    public async Task ExitCodesSayPassOrFindings_AndAnUnreachableSiteIsAFinding()
    {
        var good = Host("tool-good");
        var id = (await _authority.Client(KeyA).IssueBadgeAsync(Website(good), Ct)).Id;
        var footer = Encoding.ASCII.GetString(BadgeFooterRenderer.RenderFooter(await _authority.Client().GetCertificateAsync(id, Ct)));
        _server.Html(good, $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><main>{new string('x', 2000)}</main>{footer}</body></html>");
        var none = Host("tool-none");
        _server.Html(none, "<!DOCTYPE html><html><body><main>no badge</main></body></html>");

        Assert.Equal(0, await InProcess("verify", $"http://{good}/", "--organizer", "万载县人民政府办公室"));
        Assert.Equal(1, await InProcess("verify", $"http://{good}/", "--organizer", "另一个单位"));
        Assert.Equal(1, await InProcess("verify", $"http://{none}/", "--json"));
        Assert.Equal(1, await InProcess("verify", $"http://{Host("tool-missing")}/"));
    }

    [Fact]
    public async Task NotAnAddress_OrAnUnknownOption_IsAUsageError()
    {
        var notAnAddress = await RunAsync("verify", "gov-a.test");
        var notHttp = await RunAsync("verify", "ftp://gov-a.test/");
        var noAddress = await RunAsync("verify");
        var unknownOption = await RunAsync("verify", "http://gov-a.test/", "--organiser", "x");
        var badCode = await RunAsync("verify", "http://gov-a.test/", "--uscc", "123");
        var badTimeout = await RunAsync("verify", "http://gov-a.test/", "--timeout", "0");

        Assert.Equal(2, notAnAddress.Code);
        Assert.Contains("not a site's address", notAnAddress.Error, StringComparison.Ordinal);
        Assert.Equal(2, notHttp.Code);
        Assert.Contains("'ftp://gov-a.test/' is not a site's address", notHttp.Error, StringComparison.Ordinal);
        Assert.Equal(2, noAddress.Code);
        Assert.Contains("--from sites.csv", noAddress.Error, StringComparison.Ordinal);
        Assert.Equal(2, unknownOption.Code);
        Assert.Contains("--organiser", unknownOption.Error, StringComparison.Ordinal);
        Assert.Equal(2, badCode.Code);
        Assert.Contains("--uscc", badCode.Error, StringComparison.Ordinal);
        Assert.Equal(2, badTimeout.Code);
        Assert.Contains("--timeout and --concurrency must be positive", badTimeout.Error, StringComparison.Ordinal);
        foreach (var run in new[] { notAnAddress, notHttp, noAddress, unknownOption, badCode, badTimeout })
        {
            Assert.InRange(Lines(run.Error), 1, 2);
            NoStackTrace(run.Error + run.Output);
        }
    }

    [Fact]
    public async Task AnUnreachableSite_IsAFinding_ExitCode1_NotAUsageError()
    {
        var (code, output, error) = await RunAsync("verify", "http://127.0.0.1:9/", "--timeout", "5");

        Assert.Equal(1, code);
        Assert.Contains("unreachable", output, StringComparison.Ordinal);
        NoStackTrace(error + output);
    }

    [Fact]
    public async Task Help_DocumentsTheExitCodes()
    {
        var (code, output, _) = await RunAsync("verify", "--help");

        Assert.Equal(0, code);
        Assert.Contains("0 all pass", output, StringComparison.Ordinal);
        Assert.Contains("1 findings", output, StringComparison.Ordinal);
        Assert.Contains("2 usage or input error", output, StringComparison.Ordinal);
        Assert.Contains("3 internal error", output, StringComparison.Ordinal);
    }
}
