using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Badge.CredentialApp;
using Badge.Platform;
using Badge.Sdk.Issuance;
using Badge.Sdk.QrCodes;

namespace Badge.Sdk.IntegrationTests.Challenges;

/// <summary>
/// The verified WeChat official account's contact step (第五步) on the platform sample, over HTTP on 127.0.0.1: the
/// operator fills in 认证联系人信息, the page shows a QR code, the contact scans it with their own phone and confirms,
/// and only then does the operator's 下一步 complete the step, with the contact the scan confirmed.
/// </summary>
public sealed class ContactScanEndToEndTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private const string Password = "correct horse 9";
    private const string Organizer = "万载县人民政府办公室";
    private const string Code = "11360922MB0001230X";
    private readonly EmulatorHost _emulator = fixture.Host;
    private readonly string _directory = Directory.CreateTempSubdirectory("badge-contact-").FullName;
    private PlatformApp _platform = null!;
    private HttpClient _http = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string CredentialPath => Path.Combine(_directory, "credential.p12");

    public async ValueTask InitializeAsync()
    {
        _platform = await PlatformApp.StartAsync([$"--Badge:Authority={_emulator.Address}", "--Platform:Id=wechat-oa", "--Platform:Port=0", "--Logging:LogLevel:Default=Warning"]);
        _http = new HttpClient { BaseAddress = _platform.Address };
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _platform.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task TheOperatorFillsInTheContact_TheContactScansTheQr_ThenTheOperatorClicksNext()
    {
        var enrolled = await App($"enroll --credential {CredentialPath} --authority {_emulator.Address} --api-key {EmulatorHost.KeyA}", $"{Password}\n{Password}\n");
        Assert.True(enrolled.Code == 0, enrolled.Error);
        var account = "gh_" + Guid.NewGuid().ToString("N")[..10];
        await _emulator.GrantAsync(EmulatorHost.KeyA, EmulatorHost.InstitutionA, "wechat-oa", account, "op-1");
        var certification = await PostAsync("/certifications", new { variant = "verified", accountId = account, accountName = "万载发布", uscc = Code, name = Organizer, operatorId = "op-1" });
        var id = Uri.EscapeDataString(certification.GetProperty("id").GetString()!);
        await PostAsync($"/certifications/{id}/steps/reopen", new { actor = "Operator" });
        await PostAsync($"/certifications/{id}/steps/organisation-type", new { actor = "Operator" });
        await PostAsync($"/certifications/{id}/steps/form", new { actor = "Operator", uscc = Code, institutionName = "万载县政府办" });
        using (var created = await _http.PostAsJsonAsync("/challenges", new { accountId = account, uscc = Code, name = Organizer }, Ct))
        {
            var challenge = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct)).RootElement;
            var challengeId = challenge.GetProperty("id").GetString()!;
            var qrPath = Path.Combine(_directory, "qr.png");
            await File.WriteAllBytesAsync(qrPath, await _http.GetByteArrayAsync($"/challenges/{challengeId}/qr.png", Ct), Ct);
            var scan = await App($"scan {qrPath} --credential {CredentialPath} --operator op-1", $"{Password}\ny\n");
            Assert.True(scan.Code == 0, scan.Error);
            await PostAsync($"/certifications/{id}/steps/scan", new { actor = "Operator", challengeId });
        }

        // 下一步 before the contact scanned: refused, whatever name the request carries.
        var early = await SendAsync($"/certifications/{id}/steps/contact", new { actor = "Operator", contactName = "李明" });
        Assert.Equal(HttpStatusCode.Conflict, early.Status);
        Assert.Equal("contact_not_scanned", early.Body.GetProperty("code").GetString());
        var badPhone = await SendAsync($"/certifications/{id}/contact", new { name = "李明", phone = "138-0013" });
        Assert.Equal((HttpStatusCode.BadRequest, "phone"), (badPhone.Status, badPhone.Body.GetProperty("field").GetString()));

        // The operator fills in 认证联系人信息: a QR code shows. The contact's phone opens what it holds and confirms.
        var shown = await PostAsync($"/certifications/{id}/contact", new { name = "李明", phone = "13800138000" });
        var url = QrImage.Read(await _http.GetByteArrayAsync(shown.GetProperty("qr").GetString(), Ct));
        Assert.Equal(shown.GetProperty("url").GetString(), url);
        Assert.StartsWith(_platform.Address.AbsoluteUri + "contact-scans/", url, StringComparison.Ordinal);
        var page = await _http.GetStringAsync(url, Ct);
        Assert.Contains("李明", page, StringComparison.Ordinal);
        Assert.Contains("*******8000", page, StringComparison.Ordinal);
        Assert.DoesNotContain("13800138000", page, StringComparison.Ordinal);
        Assert.False((await _http.GetFromJsonAsync<JsonElement>($"/certifications/{id}/contact", Ct)).GetProperty("scanned").GetBoolean());
        using (var confirmed = await _http.PostAsync(url, null, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
            Assert.Contains("验证成功", await confirmed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        Assert.True((await _http.GetFromJsonAsync<JsonElement>($"/certifications/{id}/contact", Ct)).GetProperty("scanned").GetBoolean());
        using (var unknown = await _http.PostAsync("/contact-scans/" + new string('0', 32), null, Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        // 下一步 by the operator: the step carries the contact the scan confirmed, not the name in the request.
        var after = await PostAsync($"/certifications/{id}/steps/contact", new { actor = "Operator", contactName = "冒名" });
        Assert.Contains("contact", after.GetProperty("completedSteps").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("李明", after.GetProperty("facts").GetProperty("contact").GetString());
    }

    private async Task<JsonElement> PostAsync(string path, object body)
    {
        var (status, json) = await SendAsync(path, body);
        Assert.True((int)status is >= 200 and < 300, $"{path}: {(int)status} {json}");
        return json;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(string path, object body)
    {
        using var response = await _http.PostAsJsonAsync(path, body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static async Task<(int Code, string Output, string Error)> App(string commandLine, string input)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CredentialAppCommand.RunAsync(commandLine.Split(' '), new CredentialTerminal(new StringReader(input), output, error, Interactive: false), null);
        return (code, output.ToString(), error.ToString());
    }
}
