using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Badge.CredentialApp;
using Badge.Platform;
using Badge.Sdk.Issuance;
using Badge.Sdk.QrCodes;
using Microsoft.Extensions.Time.Testing;
using Badge.Sdk.Certificates;

namespace Badge.Sdk.IntegrationTests.Challenges;

/// <summary>
/// The whole QR flow over real HTTP on 127.0.0.1: the emulator, the platform host sample and the credential app
/// sample (run in-process through its command line, reading the QR from the PNG the platform rendered).
/// </summary>
public sealed class ChallengeEndToEndTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private const string Password = "correct horse 9";
    private const string Organizer = "万载县人民政府办公室";
    private readonly EmulatorHost _emulator = fixture.Host;
    private readonly string _directory = Directory.CreateTempSubdirectory("badge-credential-").FullName;
    private PlatformApp _platform = null!;
    private HttpClient _http = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string CredentialPath => Path.Combine(_directory, "credential.p12");

    public async ValueTask InitializeAsync()
    {
        _platform = await PlatformApp.StartAsync([$"--Badge:Authority={_emulator.Address}", "--Platform:Id=weibo", "--Platform:Port=0", "--Logging:LogLevel:Default=Warning"]);
        _http = new HttpClient { BaseAddress = _platform.Address };
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _platform.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task IssueGrantCreateScanSignVerify_CompletesAndTheAccountBadgeExistsAtTheAuthority()
    {
        await EnrollAsync();
        var account = "wb-" + Guid.NewGuid().ToString("N")[..10];

        // The primary administrator appoints a deputy, who enrols their own credential with the app and signs the grant.
        var deputy = "deputy-" + Guid.NewGuid().ToString("N")[..6];
        var (primary, primaryChain) = await _emulator.PrimaryAdministratorAsync(EmulatorHost.KeyA);
        var appointment = await _emulator.Grants(EmulatorHost.KeyA).AppointAdministratorAsync(EmulatorHost.InstitutionA, new AdministratorAppointmentRequest
        {
            AdministratorId = deputy,
            Signature = Badge.Sdk.Credentials.AdministratorSignature.SignAppointment(EmulatorHost.InstitutionA, deputy, primary, primaryChain, DateTimeOffset.UtcNow),
        }, Ct);
        var adminPath = Path.Combine(_directory, "administrator.p12");
        var adminEnrolled = await App(
            $"enroll --credential {adminPath} --authority {_emulator.Address} --api-key {EmulatorHost.KeyA} --admin {deputy} --enrollment-code {appointment.EnrollmentCode}", $"{Password}\n{Password}\n");
        Assert.True(adminEnrolled.Code == 0, adminEnrolled.Error);
        var granted = await App(
            $"grant --credential {adminPath} --authority {_emulator.Address} --api-key {EmulatorHost.KeyA} --uscc 11360922MB0001230X --platform weibo --account {account} --operator op-7", $"{Password}\n");
        Assert.True(granted.Code == 0, granted.Error);
        Assert.Contains($"signed by {deputy}", granted.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, granted.Output, StringComparison.Ordinal);

        // The platform's page: start the certification and walk to the identity step (Weibo, unverified, web).
        var certification = await PostAsync("/certifications", new { variant = "unverified", accountId = account, accountName = "万载发布", uscc = "11360922MB0001230X", name = Organizer, operatorId = "op-7" });
        var id = Uri.EscapeDataString(certification.GetProperty("id").GetString()!);
        Assert.Equal("InProgress", certification.GetProperty("state").GetString());
        await PostAsync($"/certifications/{id}/steps/government-verification", new { actor = "Operator" });
        await PostAsync($"/certifications/{id}/steps/form", new { actor = "Operator", uscc = "11360922MB0001230X", institutionName = Organizer });

        var challenge = await CreateAsync(account, "11360922MB0001230X", Organizer);
        var png = await _http.GetByteArrayAsync($"/challenges/{challenge.Id}/qr.png", Ct);
        var pngPath = Path.Combine(_directory, "qr.png");
        await File.WriteAllBytesAsync(pngPath, png, Ct);
        Assert.Equal(challenge.Url, QrImage.Read(png));
        Assert.InRange(ChallengeQrCode.VersionFor(challenge.Url), 1, ChallengeQrCode.MaxVersion);

        var scan = await App($"scan {pngPath} --credential {CredentialPath} --operator op-7", $"{Password}\ny\n");
        Assert.True(scan.Code == 0, scan.Error);
        Assert.Contains(challenge.DisplayCode, scan.Output, StringComparison.Ordinal);
        Assert.Contains(account[..2] + new string('*', account.Length - 4) + account[^2..], scan.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, scan.Output, StringComparison.Ordinal);
        Assert.Equal("Approved", await StateAsync(challenge));

        await PostAsync($"/certifications/{id}/steps/scan", new { actor = "Operator", challengeId = challenge.Id });
        Assert.Equal("AwaitingReview", (await PostAsync($"/certifications/{id}/steps/submit", new { actor = "Operator" })).GetProperty("state").GetString());
        var reviewed = await PostAsync($"/certifications/{id}/review", new { approved = true, reviewerId = "reviewer-1" });
        Assert.Equal("Completed", reviewed.GetProperty("state").GetString());
        Assert.Equal("Completed", await StateAsync(challenge));

        var badge = await _emulator.Client().GetBadgeAsync(reviewed.GetProperty("badgeId").GetString()!, Ct);
        Assert.Equal(BadgeKind.PlatformAccount, badge.Kind);
        Assert.Equal(Organizer, badge.OrganizerName.Value);
        Assert.Equal(account, badge.AccountId);
        Assert.Equal("weibo", badge.Platform?.Value);
        Assert.Contains(Organizer, await _http.GetStringAsync($"/accounts/{account}", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePlatformPage_RefusesAStepOutOfOrder_WithProblemDetailsNamingIt()
    {
        var account = "wb-" + Guid.NewGuid().ToString("N")[..10];
        await _emulator.GrantAsync(EmulatorHost.KeyA, EmulatorHost.InstitutionA, "weibo", account, "op-1");
        var certification = await PostAsync("/certifications", new { variant = "unverified", accountId = account, accountName = "万载发布", uscc = "11360922MB0001230X", name = Organizer });
        var id = Uri.EscapeDataString(certification.GetProperty("id").GetString()!);

        using var response = await _http.PostAsJsonAsync($"/certifications/{id}/steps/submit", new { actor = "Operator" }, Ct);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(("wrong_order", "submit"), (problem.GetProperty("code").GetString(), problem.GetProperty("step").GetString()));
        using var bad = await _http.PostAsJsonAsync("/certifications", new { variant = "unverified", accountId = "x", accountName = "万载发布", uscc = "11360922MB0001231X", name = Organizer }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("uscc", JsonDocument.Parse(await bad.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("field").GetString());
    }

    [Fact]
    public async Task WrongName_TheAppReportsTheMismatch_AndTheChallengeIsRejected()
    {
        await EnrollAsync();
        var account = "wb-" + Guid.NewGuid().ToString("N")[..10];
        var challenge = await CreateAsync(account, "11360922MB0001230X", "万载县人民政府");

        var scan = await App($"scan {challenge.Url} --credential {CredentialPath} --operator op-7 --yes", $"{Password}\n");

        Assert.Equal(CredentialAppCommand.Refused, scan.Code);
        Assert.Contains("name_mismatch", scan.Error, StringComparison.Ordinal);
        Assert.Contains("单位名称或统一社会信用代码不一致", scan.Error, StringComparison.Ordinal);
        Assert.Equal("Rejected", await StateAsync(challenge));
    }

    [Fact]
    public async Task AnotherInstitutionsCode_TheAppRefusesBeforeAskingForThePassword()
    {
        await EnrollAsync();
        var challenge = await CreateAsync("wb-x", "12360922MB000567XC", "万载县教育局");

        var scan = await App($"scan {challenge.Url} --credential {CredentialPath} --operator op-7 --yes", string.Empty);

        Assert.Equal(CredentialAppCommand.Refused, scan.Code);
        Assert.Contains("uscc_mismatch", scan.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Certificate password", scan.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeepLink_CarriesTheSameRequest_AndADenyIsSigned()
    {
        await EnrollAsync();
        var account = "wb-" + Guid.NewGuid().ToString("N")[..10];
        await _emulator.GrantAsync(EmulatorHost.KeyA, EmulatorHost.InstitutionA, "weibo", account, "op-8");
        var challenge = await CreateAsync(account, "11360922MB0001230X", Organizer);
        var link = CredentialAppCommand.DeepLink(new Uri(challenge.Url));
        Assert.Equal(new Uri(challenge.Url), CredentialAppCommand.RequestUrl(link.AbsoluteUri));

        var scan = await App($"scan {link.AbsoluteUri} --credential {CredentialPath} --operator op-8 --deny --yes", $"{Password}\n");

        Assert.True(scan.Code == 0, scan.Error);
        Assert.Equal("Denied", await StateAsync(challenge));
    }

    [Fact]
    public async Task WrongPasswords_AreCountedAcrossRuns_AndLockTheCredential()
    {
        await EnrollAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var challenge = await CreateAsync("wb-lock", "11360922MB0001230X", Organizer);
        for (var i = 1; i <= AttemptCounter.MaxAttempts; i++)
        {
            var wrong = await App($"scan {challenge.Url} --credential {CredentialPath} --operator op-7 --yes", "not the password\n", time);
            Assert.Equal(CredentialAppCommand.Failed, wrong.Code);
            Assert.Contains(i < AttemptCounter.MaxAttempts ? $"{AttemptCounter.MaxAttempts - i} more attempt" : "now locked", wrong.Error, StringComparison.Ordinal);
        }

        var locked = await App($"scan {challenge.Url} --credential {CredentialPath} --operator op-7 --yes", $"{Password}\n", time);
        Assert.Equal(CredentialAppCommand.Failed, locked.Code);
        Assert.Contains("locked", locked.Error, StringComparison.Ordinal);
        Assert.Equal("Scanned", await StateAsync(challenge));

        var counter = new AttemptCounter(CredentialPath, time);
        var lockedUntil = counter.LockedUntil();
        Assert.Equal(0, counter.Failed());
        Assert.Equal(lockedUntil, counter.LockedUntil());
        time.Advance(AttemptCounter.LockDuration + TimeSpan.FromSeconds(1));
        Assert.Null(counter.LockedUntil());
        Assert.Equal(AttemptCounter.MaxAttempts - 1, counter.Failed());
    }

    [Fact]
    public async Task QrImages_RefuseAUrlAboveVersionSix_AndTheSvgIsAStandaloneImage()
    {
        var challenge = await CreateAsync("wb-svg", "11360922MB0001230X", Organizer);
        var svg = await _http.GetStringAsync($"/challenges/{challenge.Id}/qr.svg", Ct);

        Assert.StartsWith("<svg", svg.TrimStart(), StringComparison.Ordinal);
        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
        var tooLong = "https://platform.example/" + new string('a', 120);
        var error = Assert.Throws<ArgumentException>(() => ChallengeQrCode.RenderPng(tooLong));
        Assert.Contains("version", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ChallengeQrCode.RenderSvg("not a url"));
    }

    private async Task EnrollAsync()
    {
        var enrolled = await App($"enroll --credential {CredentialPath} --authority {_emulator.Address} --api-key {EmulatorHost.KeyA}", $"{Password}\n{Password}\n");
        Assert.True(enrolled.Code == 0, enrolled.Error);
    }

    private async Task<JsonElement> PostAsync(string path, object body)
    {
        using var response = await _http.PostAsJsonAsync(path, body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<Created> CreateAsync(string account, string uscc, string name)
    {
        using var response = await _http.PostAsJsonAsync("/challenges", new { accountId = account, uscc, name }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Created>(Ct))!;
    }

    private async Task<string> StateAsync(Created challenge)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/challenges/{challenge.Id}/status");
        request.Headers.Add("X-Poll-Token", challenge.PollToken);
        using var response = await _http.SendAsync(request, Ct);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("state").GetString()!;
    }

    private static async Task<(int Code, string Output, string Error)> App(string commandLine, string input, TimeProvider? time = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CredentialAppCommand.RunAsync(commandLine.Split(' '), new CredentialTerminal(new StringReader(input), output, error, Interactive: false), time);
        return (code, output.ToString(), error.ToString());
    }

    private sealed record Created(string Id, string Url, string DisplayCode, string PollToken);
}
