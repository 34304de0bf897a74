using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Badge.Sdk.AspNetCore;
using Badge.Sdk.AspNetCore.Challenges;
using Badge.Sdk.Challenges;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Badge.Sdk.Platforms;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Badge.Sdk.AspNetCore.Tests.Challenges;

/// <summary>The platform host's challenge endpoints over TestServer, against the real emulator on 127.0.0.1.</summary>
public sealed class BadgeChallengeEndpointsTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly UnifiedSocialCreditCode Uscc = EmulatorHost.InstitutionA;
    private readonly EmulatorHost _emulator = fixture.Host;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IBadgeAuthorityClient Client(string? key) => _emulator.Client(key);

    private Task<(X509Certificate2 Certificate, X509Certificate2Collection Chain)> CredentialAsync(string key, bool platform) =>
        _emulator.CredentialAsync(key, platform);

    private async Task<(WebApplication Host, HttpClient Http, X509Certificate2Collection Roots)> PlatformAsync(int permits = 60)
    {
        var (certificate, chain) = await CredentialAsync("demo-platform-weibo", platform: true);
        var roots = await _emulator.RootsAsync();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddBadgeAuthorityClient(o =>
        {
            o.BaseAddress = _emulator.Address;
            o.ApiKey = "demo-platform-weibo";
        });
        builder.Services.AddBadgeChallenges(
            o =>
            {
                o.Platform = PlatformId.Weibo;
                o.Certificate = certificate;
                o.Chain.AddRange(chain);
                o.PublicBaseAddress = new Uri("https://weibo.test/");
                o.PermitsPerMinute = permits;
            },
            p => p.Roots.AddRange(roots));
        var app = builder.Build();
        app.UseRateLimiter();
        app.MapBadgeChallenges();
        await app.StartAsync(Ct);
        return (app, app.GetTestClient(), roots);
    }

    [Fact]
    public async Task CreateScanAnswerPoll_EndsApproved_AndThePollNeedsTheToken()
    {
        var account = "wb-" + Guid.NewGuid().ToString("N")[..8];
        await _emulator.GrantAsync("demo-institution-a", Uscc, "weibo", account, "op-1");
        var (institution, institutionChain) = await CredentialAsync("demo-institution-a", platform: false);
        var (host, http, roots) = await PlatformAsync();
        await using var _ = host;

        using var created = await http.PostAsJsonAsync("/challenges", new { accountId = account, uscc = "１１３６０９２２ＭＢ０００１２３０Ｘ", name = "万载县人民政府办公室" }, Ct);
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct)).RootElement;
        var id = body.GetProperty("id").GetString()!;
        var url = new Uri(body.GetProperty("url").GetString()!);
        var token = body.GetProperty("pollToken").GetString()!;
        var request = await http.GetStringAsync(url.PathAndQuery, Ct);
        var answer = ChallengeSigner.Approve(new ChallengeAnswerRequest { RequestJws = request, Credential = institution, Chain = institutionChain, Roots = roots, OperatorId = "op-1", Now = DateTimeOffset.UtcNow });
        using var answered = await http.PostAsync($"/challenges/{id}/answer", new StringContent(answer), Ct);
        var outcome = JsonDocument.Parse(await answered.Content.ReadAsStringAsync(Ct)).RootElement;
        using var poll = new HttpRequestMessage(HttpMethod.Get, $"/challenges/{id}/status");
        poll.Headers.Add("X-Poll-Token", token);
        var status = JsonDocument.Parse(await (await http.SendAsync(poll, Ct)).Content.ReadAsStringAsync(Ct)).RootElement;
        using var noToken = await http.GetAsync($"/challenges/{id}/status", Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("weibo.test", url.Host);
        Assert.DoesNotContain(Uscc.ToString(), url.ToString(), StringComparison.Ordinal);
        Assert.True(outcome.GetProperty("approved").GetBoolean(), outcome.ToString());
        Assert.Equal("Approved", status.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.NotFound, noToken.StatusCode);
    }

    [Fact]
    public async Task Create_BadInput_NamesTheField_AndTheRateLimitApplies()
    {
        var (host, http, _) = await PlatformAsync(permits: 3);
        await using var _ = host;

        using var bad = await http.PostAsJsonAsync("/challenges", new { accountId = "a", uscc = "11360922MB0001230Y", name = "x" }, Ct);
        var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync(Ct)).RootElement;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await http.PostAsJsonAsync("/challenges", new { accountId = "a", uscc = Uscc.ToString(), name = "万载县人民政府办公室" }, Ct);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("uscc", problem.GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task AnAnswerPostedToAnotherChallenge_IsRefused_AndAnOversizedBodyIsNotRead()
    {
        var account = "wb-" + Guid.NewGuid().ToString("N")[..8];
        await _emulator.GrantAsync("demo-institution-a", Uscc, "weibo", account, "op-1");
        var (institution, institutionChain) = await CredentialAsync("demo-institution-a", platform: false);
        var (host, http, roots) = await PlatformAsync();
        await using var _ = host;

        async Task<JsonElement> CreateAsync()
        {
            using var created = await http.PostAsJsonAsync("/challenges", new { accountId = account, uscc = Uscc.ToString(), name = "万载县人民政府办公室" }, Ct);
            return JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
        }

        var first = await CreateAsync();
        var second = await CreateAsync();
        var request = await http.GetStringAsync(new Uri(first.GetProperty("url").GetString()!).PathAndQuery, Ct);
        var answer = ChallengeSigner.Approve(new ChallengeAnswerRequest { RequestJws = request, Credential = institution, Chain = institutionChain, Roots = roots, OperatorId = "op-1", Now = DateTimeOffset.UtcNow });

        using var misposted = await http.PostAsync($"/challenges/{second.GetProperty("id").GetString()}/answer", new StringContent(answer), Ct);
        var outcome = JsonDocument.Parse(await misposted.Content.ReadAsStringAsync(Ct)).RootElement;
        using var huge = await http.PostAsync($"/challenges/{first.GetProperty("id").GetString()}/answer", new StringContent(new string('a', 200_000)), Ct);
        var problem = JsonDocument.Parse(await huge.Content.ReadAsStringAsync(Ct)).RootElement;
        using var right = await http.PostAsync($"/challenges/{first.GetProperty("id").GetString()}/answer", new StringContent(answer), Ct);

        Assert.False(outcome.GetProperty("approved").GetBoolean());
        Assert.Equal(ChallengeReasonCodes.BindingMismatch, outcome.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Equal("too_large", problem.GetProperty("code").GetString());
        Assert.True(JsonDocument.Parse(await right.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("approved").GetBoolean());
    }
}
