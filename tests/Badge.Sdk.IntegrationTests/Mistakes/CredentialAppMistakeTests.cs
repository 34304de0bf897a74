using System.Net;
using System.Net.Http.Json;
using Badge.Platform;
using Badge.Sdk.TestData;

namespace Badge.Sdk.IntegrationTests.Mistakes;

/// <summary>Ordinary mistakes with the credential app, run as the built executable.</summary>
public sealed class CredentialAppMistakeTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private const string Password = "correct horse 9";
    private static readonly string App = Executable.Dll("samples/Badge.CredentialApp", "badge-credential");
    private readonly EmulatorHost _emulator = fixture.Host;
    private readonly string _directory = Directory.CreateTempSubdirectory("badge-credential-mistakes-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task ScanOfAMissingFile_SaysFileNotFound()
    {
        var run = await Executable.RunAsync(App, ["scan", "nope.png", "--operator", "op-1"], workingDirectory: _directory);

        Executable.AssertMistake(run, 2, "qr: file not found:", Path.Combine(_directory, "nope.png"));
        Assert.DoesNotContain("is not a badge request", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedScan_NotGranted_SaysHowToGrant()
    {
        await using var platform = await PlatformApp.StartAsync([$"--Badge:Authority={_emulator.Address}", "--Platform:Id=weibo", "--Platform:Port=0", "--Logging:LogLevel:Default=Warning"]);
        using var http = new HttpClient { BaseAddress = platform.Address };
        var credential = Path.Combine(_directory, "credential.p12");
        var enrolled = await Executable.RunAsync(App, ["enroll", "--credential", credential, "--authority", _emulator.Address.ToString(), "--api-key", EmulatorHost.KeyA], $"{Password}\n{Password}\n");
        Assert.True(enrolled.Code == 0, enrolled.Error);
        using var created = await http.PostAsJsonAsync("/challenges", new { accountId = "wb-ungranted", uscc = "11360922MB0001230X", name = "万载县人民政府办公室" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var url = (await created.Content.ReadFromJsonAsync<Created>(Ct))!.Url;

        var run = await Executable.RunAsync(App, ["scan", url, "--credential", credential, "--operator", "op-nobody", "--yes"], $"{Password}\n");

        Executable.AssertMistake(run, 1, "The platform refused: not_granted", "Next: the institution's administrator grants operator 'op-nobody'", "grant --api-key");
    }

    [Fact]
    public async Task GrantForAnUnknownPlatform_SaysWhichFieldAndWhy_BeforeAskingForThePassword()
    {
        var run = await Executable.RunAsync(App, ["grant", "--credential", Path.Combine(_directory, "admin.p12"), "--authority", _emulator.Address.ToString(), "--api-key", EmulatorHost.KeyA,
            "--uscc", "11360922MB0001230X", "--platform", "Wei Bo!", "--account", "wb-1", "--operator", "op-1"]);

        Executable.AssertMistake(run, 2, "platform:");
        Assert.DoesNotContain("password", run.Error, StringComparison.OrdinalIgnoreCase);
    }

    private sealed record Created(string Id, string Url);
}
