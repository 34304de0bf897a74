using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Badge.CredentialApp;
using Badge.Platform;
using Badge.Sdk.IntegrationTests.Mistakes;
using Badge.Sdk.Platforms;

namespace Badge.Sdk.IntegrationTests.Challenges;

/// <summary>
/// The credential app's scan follows the manual's identity step, "使用“扫一扫”功能扫描二维码，输入证书密码后点击“确认”进入
/// “授权登录”界面，点击“登录”完成身份验证": the password first, then 确认, then the 授权登录 screen with what is asked, and
/// only then 登录. The order is the one the built-in adapters' scan step lists (which the manual's step table pins).
/// </summary>
public sealed class ManualCredentialAppOrderTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private const string Password = "correct horse 9";
    private const string Organizer = "万载县人民政府办公室";
    private static readonly string AppDll = Executable.Dll("samples/Badge.CredentialApp", "badge-credential");
    private readonly EmulatorHost _emulator = fixture.Host;
    private readonly string _directory = Directory.CreateTempSubdirectory("badge-credential-order-").FullName;
    private PlatformApp _platform = null!;
    private HttpClient _http = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string CredentialPath => Path.Combine(_directory, "credential.p12");

    // What the app shows for each of the scan step's actions, as the manual names them.
    private static readonly Dictionary<string, string> Shown = new(StringComparer.Ordinal)
    {
        ["扫一扫"] = "扫一扫 (scanned)",
        ["输入证书密码"] = "输入证书密码",
        ["确认"] = "确认 (confirmed)",
        ["授权登录"] = "授权登录 (authorize login)",
        ["登录"] = "登录 (log in",
    };

    public async ValueTask InitializeAsync()
    {
        _platform = await PlatformApp.StartAsync([$"--Badge:Authority={_emulator.Address}", "--Platform:Id=weibo", "--Platform:Port=0", "--Logging:LogLevel:Default=Warning"]);
        _http = new HttpClient { BaseAddress = _platform.Address };
        using var output = new StringWriter();
        var enrolled = await CredentialAppCommand.RunAsync(
            ["enroll", "--credential", CredentialPath, "--authority", _emulator.Address.ToString(), "--api-key", EmulatorHost.KeyA],
            new CredentialTerminal(new StringReader($"{Password}\n{Password}\n"), output, output, Interactive: false));
        Assert.True(enrolled == 0, output.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _platform.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Scan_AsksThePasswordFirst_ThenShowsTheAuthorizeLoginScreen_ThenAsksToLogIn()
    {
        var (challenge, _) = await GrantedChallengeAsync();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var input = new WatchingReader([Password, "y"], output);

        var code = await CredentialAppCommand.RunAsync(["scan", challenge.Url, "--credential", CredentialPath, "--operator", "op-1"], new CredentialTerminal(input, output, error, Interactive: false));

        Assert.True(code == CredentialAppCommand.Ok, error.ToString());
        Assert.Equal(2, input.SeenAtEachRead.Count);
        var atPassword = input.SeenAtEachRead[0];
        var atLogin = input.SeenAtEachRead[1];
        // When the password is asked: the scan is acknowledged, nothing of the 授权登录 screen is shown yet.
        Assert.Contains("扫一扫", atPassword, StringComparison.Ordinal);
        Assert.EndsWith("(Certificate password, Enter to confirm): ", atPassword, StringComparison.Ordinal);
        Assert.DoesNotContain("授权登录", atPassword, StringComparison.Ordinal);
        Assert.DoesNotContain(challenge.DisplayCode, atPassword, StringComparison.Ordinal);
        // When 登录 is asked: 确认 happened, and the 授权登录 screen shows what is asked, the display code included.
        var screen = atLogin[atPassword.Length..];
        Assert.StartsWith("\n确认 (confirmed)", screen.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("授权登录 (authorize login)", screen, StringComparison.Ordinal);
        Assert.Contains(challenge.DisplayCode, screen, StringComparison.Ordinal);
        Assert.Contains("登录 (log in: authorize", screen.Split('\n')[^1], StringComparison.Ordinal);
        AssertInTheScanStepsOrder(output.ToString());
        Assert.Equal("Approved", await StateAsync(challenge));
    }

    [Fact]
    public async Task Scan_ALoginDeclinedOnTheAuthorizeLoginScreen_SendsNothing()
    {
        var (challenge, _) = await GrantedChallengeAsync();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await CredentialAppCommand.RunAsync(["scan", challenge.Url, "--credential", CredentialPath, "--operator", "op-1"],
            new CredentialTerminal(new StringReader($"{Password}\nn\n"), output, error, Interactive: false));

        Assert.Equal(CredentialAppCommand.Refused, code);
        Assert.Contains("授权登录 (authorize login)", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Nothing was sent.", output.ToString(), StringComparison.Ordinal);
        Assert.Equal("Scanned", await StateAsync(challenge));
    }

    [Fact]
    public async Task TheBuiltApp_RunAsAProcess_ShowsTheScanStepsActionsInTheManualsOrder()
    {
        var (challenge, _) = await GrantedChallengeAsync();

        var run = await Executable.RunAsync(AppDll, ["scan", challenge.Url, "--credential", CredentialPath, "--operator", "op-1"], $"{Password}\ny\n");

        Assert.True(run.Code == CredentialAppCommand.Ok, run.Output + run.Error);
        AssertInTheScanStepsOrder(run.Output);
        Assert.DoesNotContain(Password, run.Output, StringComparison.Ordinal);
        Assert.Equal("Approved", await StateAsync(challenge));
    }

    // Each action of the scan step, as every built-in adapter lists it, appears in the app's transcript after the one
    // before it: the app and the step agree on the order.
    private static void AssertInTheScanStepsOrder(string transcript)
    {
        var actions = new WeiboAdapter().GetFlow(AccountVariant.Unverified).Step("scan").Actions;
        Assert.Equal(["扫一扫", "输入证书密码", "确认", "授权登录", "登录"], actions);
        var at = 0;
        foreach (var action in actions)
        {
            var found = transcript.IndexOf(Shown[action], at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"'{Shown[action]}' ({action}) does not follow the step's previous action in:\n{transcript}");
            at = found + Shown[action].Length;
        }
    }

    private async Task<(Created Challenge, string Account)> GrantedChallengeAsync()
    {
        var account = "wb-" + Guid.NewGuid().ToString("N")[..10];
        await _emulator.GrantAsync(EmulatorHost.KeyA, EmulatorHost.InstitutionA, "weibo", account, "op-1");
        using var response = await _http.PostAsJsonAsync("/challenges", new { accountId = account, uscc = "11360922MB0001230X", name = Organizer }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await response.Content.ReadFromJsonAsync<Created>(Ct))!, account);
    }

    private async Task<string> StateAsync(Created challenge)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/challenges/{challenge.Id}/status");
        request.Headers.Add("X-Poll-Token", challenge.PollToken);
        using var response = await _http.SendAsync(request, Ct);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("state").GetString()!;
    }

    private sealed record Created(string Id, string Url, string DisplayCode, string PollToken);

    // Answers one line per read and keeps what the app had written when it asked.
    private sealed class WatchingReader(string[] lines, StringWriter output) : TextReader
    {
        private int _next;

        public List<string> SeenAtEachRead { get; } = [];

        public override string? ReadLine()
        {
            SeenAtEachRead.Add(output.ToString().ReplaceLineEndings("\n"));
            return _next < lines.Length ? lines[_next++] : null;
        }
    }
}
