using System.Buffers.Text;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Badge.Sdk.AspNetCore;
using Badge.Sdk.AspNetCore.Challenges;
using Badge.Sdk.Challenges;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Badge.Sdk.Platforms;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Badge.Sdk.Credentials;

namespace Badge.Sdk.AspNetCore.Tests.Challenges;

/// <summary>
/// The challenge endpoints under attack and with the authority down, over HTTP against a platform host on Kestrel
/// at 127.0.0.1: oversized fields are refused naming the field; an unreachable or stalled authority is a 503 with
/// Retry-After within a bounded time; an answer signed by another institution's valid credential changes nothing,
/// and the real institution's answer is accepted afterwards.
/// </summary>
public sealed class BadgeChallengeEndpointFaultTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly UnifiedSocialCreditCode Uscc = EmulatorHost.InstitutionA;
    private readonly EmulatorHost _emulator = fixture.Host;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(WebApplication Host, HttpClient Http)> PlatformAsync(Uri? authority = null)
    {
        var (certificate, chain) = await _emulator.CredentialAsync("demo-platform-weibo", platform: true);
        var roots = await _emulator.RootsAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddBadgeAuthorityClient(o =>
        {
            o.BaseAddress = authority ?? _emulator.Address;
            o.ApiKey = "demo-platform-weibo";
        });
        builder.Services.AddBadgeChallenges(
            o =>
            {
                o.Platform = PlatformId.Weibo;
                o.Certificate = certificate;
                o.Chain.AddRange(chain);
                o.PublicBaseAddress = new Uri("https://weibo.test/");
                o.PermitsPerMinute = 1000;
            },
            p => p.Roots.AddRange(roots));
        var app = builder.Build();
        app.UseRateLimiter();
        app.MapBadgeChallenges();
        await app.StartAsync(Ct);
        return (app, new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(60) });
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();

    private static async Task<(string Id, string Token, string RequestJws)> CreateAndScanAsync(HttpClient http, string account)
    {
        using var created = await http.PostAsJsonAsync("/challenges", new { accountId = account, uscc = Uscc.ToString(), name = "万载县人民政府办公室" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await JsonAsync(created);
        var request = await http.GetStringAsync(new Uri(body.GetProperty("url").GetString()!).PathAndQuery, Ct);
        return (body.GetProperty("id").GetString()!, body.GetProperty("pollToken").GetString()!, request);
    }

    private static async Task<string> StateAsync(HttpClient http, string id, string token)
    {
        using var poll = new HttpRequestMessage(HttpMethod.Get, $"/challenges/{id}/status");
        poll.Headers.Add("X-Poll-Token", token);
        using var response = await http.SendAsync(poll, Ct);
        return (await JsonAsync(response)).GetProperty("state").GetString()!;
    }

    [Fact]
    public async Task OversizedOrBadFields_Are400_NamingTheField_AndNothingIsCreated()
    {
        var (host, http) = await PlatformAsync();
        await using var _ = host;

        async Task<(HttpStatusCode Status, string? Field, string? Code)> CreateAsync(object body)
        {
            using var response = await http.PostAsJsonAsync("/challenges", body, Ct);
            var problem = await JsonAsync(response);
            return (response.StatusCode,
                problem.TryGetProperty("field", out var f) ? f.GetString() : null,
                problem.TryGetProperty("code", out var c) ? c.GetString() : null);
        }

        var huge = await CreateAsync(new { accountId = new string('a', 20 * 1024 * 1024), uscc = Uscc.ToString(), name = "万载县人民政府办公室" });
        var long129 = await CreateAsync(new { accountId = new string('a', ChallengeIssuer.MaxAccountIdLength + 1), uscc = Uscc.ToString(), name = "万载县人民政府办公室" });
        var control = await CreateAsync(new { accountId = "wb-1\u0000admin", uscc = Uscc.ToString(), name = "万载县人民政府办公室" });
        var longUscc = await CreateAsync(new { accountId = "wb-1", uscc = new string('1', 5000), name = "万载县人民政府办公室" });
        var longName = await CreateAsync(new { accountId = "wb-1", uscc = Uscc.ToString(), name = new string('政', 5000) });
        var hugeName = await CreateAsync(new { accountId = "wb-1", uscc = Uscc.ToString(), name = new string('政', 1024 * 1024) });
        var atTheLimit = await CreateAsync(new { accountId = new string('a', ChallengeIssuer.MaxAccountIdLength), uscc = Uscc.ToString(), name = "万载县人民政府办公室" });

        Assert.Equal((HttpStatusCode.BadRequest, "accountId", "too_long"), huge);
        Assert.Equal((HttpStatusCode.BadRequest, "accountId", "too_long"), long129);
        Assert.Equal((HttpStatusCode.BadRequest, "accountId", "invalid_field"), control);
        Assert.Equal((HttpStatusCode.BadRequest, "uscc", "too_long"), longUscc);
        Assert.Equal((HttpStatusCode.BadRequest, "name", "too_long"), longName);
        Assert.Equal((HttpStatusCode.BadRequest, "name", "too_long"), hugeName);
        Assert.Equal(HttpStatusCode.Created, atTheLimit.Status);
    }

    [Theory]
    [InlineData("refused")]
    [InlineData("stalled")]
    public async Task AuthorityDown_AnswerIs503WithRetryAfter_WithinABoundedTime_AndTheChallengeIsUnchanged(string mode)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var address = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        var held = new List<Socket>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        Task accepting = Task.CompletedTask;
        if (mode == "refused")
        {
            listener.Stop();
        }
        else
        {
            // Accepts, reads nothing, answers nothing: a stalled authority.
            accepting = HoldAsync();
        }

        async Task HoldAsync()
        {
            try
            {
                while (true)
                {
                    held.Add(await listener.AcceptSocketAsync(stop.Token));
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        var (institution, chain) = await _emulator.CredentialAsync("demo-institution-a", platform: false);
        var roots = await _emulator.RootsAsync();
        var (host, http) = await PlatformAsync(address);
        await using var _ = host;
        var (id, token, request) = await CreateAndScanAsync(http, "wb-" + Guid.NewGuid().ToString("N")[..8]);
        var answer = ChallengeSigner.Approve(new ChallengeAnswerRequest { RequestJws = request, Credential = institution, Chain = chain, Roots = roots, OperatorId = "op-1", Now = DateTimeOffset.UtcNow });
        var clock = Stopwatch.StartNew();

        using var response = await http.PostAsync($"/challenges/{id}/answer", new StringContent(answer), Ct);
        var elapsed = clock.Elapsed;
        var problem = await JsonAsync(response);
        var state = await StateAsync(http, id, token);
        await stop.CancelAsync();
        await accepting;
        held.ForEach(s => s.Dispose());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(BadgeChallengeEndpoints.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
        Assert.Equal("authority_unavailable", problem.GetProperty("code").GetString());
        // ChallengeOptions.AuthorityTimeout (3 s) bounds it; the client's own retries would wait 8 s (refused) to 30 s (stalled).
        Assert.InRange(elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.Equal("Scanned", state);
    }

    [Fact]
    public async Task AnswerSignedByAnotherInstitution_IsRefused_WithoutChangingTheChallenge_AndTheRealAnswerIsThenAccepted()
    {
        var account = "wb-" + Guid.NewGuid().ToString("N")[..8];
        await _emulator.GrantAsync("demo-institution-a", Uscc, "weibo", account, "op-1");
        var (real, realChain) = await _emulator.CredentialAsync("demo-institution-a", platform: false);
        var (foreign, foreignChain) = await _emulator.CredentialAsync("demo-institution-b", platform: false);
        var roots = await _emulator.RootsAsync();
        var (host, http) = await PlatformAsync();
        await using var _ = host;
        var (id, token, request) = await CreateAndScanAsync(http, account);

        // As an attacker would: read the public request, sign an answer with the credential one holds.
        var outcomes = new List<JsonElement>();
        foreach (var (decision, uscc) in new[] { ("deny", Uscc.ToString()), ("approve", Uscc.ToString()), ("deny", EmulatorHost.InstitutionB.ToString()) })
        {
            using var refused = await http.PostAsync($"/challenges/{id}/answer", new StringContent(Forge(request, foreign, foreignChain, decision, uscc)), Ct);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            outcomes.Add(await JsonAsync(refused));
        }

        var afterAttack = await StateAsync(http, id, token);
        using var accepted = await http.PostAsync($"/challenges/{id}/answer", new StringContent(ChallengeSigner.Approve(new ChallengeAnswerRequest { RequestJws = request, Credential = real, Chain = realChain, Roots = roots, OperatorId = "op-1", Now = DateTimeOffset.UtcNow })), Ct);
        var outcome = await JsonAsync(accepted);

        Assert.All(outcomes, o =>
        {
            Assert.False(o.GetProperty("approved").GetBoolean());
            Assert.Equal(ChallengeReasonCodes.UsccMismatch, o.GetProperty("reason").GetString());
            Assert.Equal("Scanned", o.GetProperty("state").GetString());
        });
        Assert.Equal("Scanned", afterAttack);
        Assert.True(outcome.GetProperty("approved").GetBoolean(), outcome.ToString());
        Assert.Equal("Approved", await StateAsync(http, id, token));
    }

    // A well-formed answer to the request, signed with whatever credential the caller holds.
    private static string Forge(string requestJws, X509Certificate2 signer, X509Certificate2Collection chain, string decision, string uscc)
    {
        var request = JsonDocument.Parse(Base64Url.DecodeFromChars(requestJws.Split('.')[1])).RootElement;
        var header = JsonSerializer.SerializeToUtf8Bytes(new
        {
            alg = "ES256",
            typ = "badge-challenge-answer+jws",
            x5c = new[] { signer }.Concat(chain.Where(c => c.Subject != c.Issuer)).Select(c => Convert.ToBase64String(c.RawData)).ToArray(),
        });
        var payload = JsonSerializer.SerializeToUtf8Bytes(new
        {
            aud = request.GetProperty("platform").GetString(),
            challengeId = request.GetProperty("id").GetString(),
            accountId = request.GetProperty("accountId").GetString(),
            uscc,
            operatorId = "op-1",
            nonce = request.GetProperty("nonce").GetString(),
            requestHash = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(requestJws))),
            decision,
            iat = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        });
        var input = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(payload);
        return input + "." + Base64Url.EncodeToString(Es256SignatureAlgorithm.Instance.Sign(signer, Encoding.ASCII.GetBytes(input)));
    }
}
