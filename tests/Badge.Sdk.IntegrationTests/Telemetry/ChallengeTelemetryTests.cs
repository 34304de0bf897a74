using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using Badge.Sdk.Challenges;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Badge.Sdk.Platforms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using static Badge.Sdk.TestData.EmulatorHost;

namespace Badge.Sdk.IntegrationTests.Telemetry;

/// <summary>
/// The spans of challenge creation and verification (decision and reason, accepted and refused), and that no tag
/// or log line of a whole challenge round or of an authenticated authority call holds a secret.
/// </summary>
public sealed class ChallengeTelemetryTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly OrganizerName Name = OrganizerName.Parse("万载县人民政府办公室");
    private readonly EmulatorHost _host = fixture.Host;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record World(
        X509Certificate2 Institution, X509Certificate2Collection InstitutionChain, X509Certificate2 Platform, X509Certificate2Collection PlatformChain,
        X509Certificate2Collection Roots, FakeTimeProvider Time, ChallengeIssuer Issuer, ChallengeVerifier Verifier, string Account, CapturedLogs Logs);

    private async Task<World> WorldAsync()
    {
        var (institution, institutionChain) = await _host.CredentialAsync(KeyA, platform: false);
        var (platform, platformChain) = await _host.CredentialAsync(WeiboKey, platform: true);
        var roots = await _host.RootsAsync();
        var account = "wb-" + Guid.NewGuid().ToString("N")[..10];
        await _host.GrantAsync(KeyA, InstitutionA, "weibo", account, "op-1");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new ChallengeOptions();
        options.Roots.AddRange(roots);
        var store = new InMemoryChallengeStore();
        var logs = new CapturedLogs();
        var authority = _host.Provider(WeiboKey, services: s => s.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace)));
        var verifier = new ChallengeVerifier(
            store, authority.GetRequiredService<IOperatorGrantClient>(), authority.GetRequiredService<ICredentialAuthorityClient>(), options, time, logs.Factory().CreateLogger<ChallengeVerifier>());
        return new World(institution, institutionChain, platform, platformChain, roots, time, new ChallengeIssuer(store, options, time), verifier, account, logs);
    }

    private static Task<Challenge> CreateAsync(World w) =>
        w.Issuer.CreateAsync(new CreateChallengeRequest { Platform = PlatformId.Weibo, AccountId = w.Account, Uscc = InstitutionA, InstitutionName = Name, PlatformCertificate = w.Platform, PlatformChain = w.PlatformChain }, Ct);

    private static string Answer(World w, Challenge c, bool approve) =>
        approve ? ChallengeSigner.Approve(Request(w, c)) : ChallengeSigner.Deny(Request(w, c));

    private static ChallengeAnswerRequest Request(World w, Challenge c) =>
        new() { RequestJws = c.RequestJws, Credential = w.Institution, Chain = w.InstitutionChain, Roots = w.Roots, OperatorId = "op-1", Now = w.Time.GetUtcNow() };

    [Fact]
    public async Task AcceptedAnswer_IsAVerifySpan_WithTheDecision_AndTheAuthorityChecksUnderIt()
    {
        var w = await WorldAsync();
        using var capture = new TelemetryCapture();
        var root = capture.Begin();

        var challenge = await CreateAsync(w);
        var result = await w.Verifier.VerifyAsync(Answer(w, challenge, approve: true), Ct);

        Assert.True(result.IsValid, result.Reason);
        var create = Assert.Single(capture.Spans, s => s.OperationName == "badge.challenge.create");
        Assert.Equal("weibo", create.GetTagItem("badge.platform"));
        Assert.Equal(root.SpanId, create.ParentSpanId);
        var verify = Assert.Single(capture.Spans, s => s.OperationName == "badge.challenge.verify");
        Assert.Equal(ActivityKind.Internal, verify.Kind);
        Assert.Equal(ActivityStatusCode.Unset, verify.Status);
        Assert.Equal("accepted", verify.GetTagItem("badge.challenge.decision"));
        Assert.Equal("valid", verify.GetTagItem("badge.challenge.reason"));
        Assert.Equal("weibo", verify.GetTagItem("badge.platform"));
        // The revocation and grant checks at the authority are children of the verification.
        var calls = capture.Spans.Where(s => s.OperationName == "badge.authority.call" && s.ParentSpanId == verify.SpanId).Select(s => s.DisplayName).ToList();
        Assert.Contains("badge.authority GetCredentialStatus", calls);
        Assert.Contains("badge.authority CheckOperatorGrant", calls);
    }

    [Fact]
    public async Task RefusedAnswers_AreVerifySpans_WithTheReason_AndAnInformationLine()
    {
        var w = await WorldAsync();
        using var capture = new TelemetryCapture();
        capture.Begin();

        var denied = await w.Verifier.VerifyAsync(Answer(w, await CreateAsync(w), approve: false), Ct);
        var malformed = await w.Verifier.VerifyAsync("not.a.jws", Ct);

        Assert.Equal(ChallengeReasonCodes.Denied, denied.Reason);
        Assert.Equal(ChallengeReasonCodes.Malformed, malformed.Reason);
        var verifications = capture.Spans.Where(s => s.OperationName == "badge.challenge.verify").ToList();
        Assert.Equal(2, verifications.Count);
        Assert.All(verifications, s => Assert.Equal("refused", s.GetTagItem("badge.challenge.decision")));
        Assert.All(verifications, s => Assert.Equal(ActivityStatusCode.Unset, s.Status));
        Assert.Equal(
            [ChallengeReasonCodes.Denied, ChallengeReasonCodes.Malformed],
            verifications.Select(s => (string?)s.GetTagItem("badge.challenge.reason")).Order(StringComparer.Ordinal));
        Assert.Equal("weibo", verifications.Single(s => (string?)s.GetTagItem("badge.challenge.reason") == ChallengeReasonCodes.Denied).GetTagItem("badge.platform"));
        var refusals = w.Logs.Lines.Where(l => l.Category == typeof(ChallengeVerifier).FullName && l.Id.Id == 201).ToList();
        Assert.Equal(2, refusals.Count);
        Assert.All(refusals, l => Assert.Equal(LogLevel.Information, l.Level));
        Assert.Contains(refusals, l => l.Text.Contains($"refused: {ChallengeReasonCodes.Denied}.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoTagOrLogLine_HoldsAKeyATokenOrTheQrPayload()
    {
        var w = await WorldAsync();
        var issuerLogs = new CapturedLogs();
        var issuer = _host.Client(KeyA, services: s => s.AddLogging(b => b.AddProvider(issuerLogs).SetMinimumLevel(LogLevel.Trace)));
        using var capture = new TelemetryCapture();
        capture.Begin();

        // An authenticated, idempotent call (API key and Idempotency-Key headers), a refused one, and a whole challenge round.
        var issued = await issuer.IssueBadgeAsync(Website(UniqueDomain("secret")), Ct);
        await issuer.GetBadgeAsync(issued.Id, Ct);
        await Assert.ThrowsAsync<BadgeAuthorityException>(() => issuer.RevokeBadgeAsync("no-such-" + Guid.NewGuid().ToString("N")[..6], "closed", Ct));
        var challenge = await CreateAsync(w);
        var answer = Answer(w, challenge, approve: true);
        var result = await w.Verifier.VerifyAsync(answer, Ct);
        var replay = await w.Verifier.VerifyAsync(answer, Ct);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(ChallengeReasonCodes.Replayed, replay.Reason);
        var texts = capture.Texts().Concat(w.Logs.Lines.Concat(issuerLogs.Lines).Select(l => l.Text)).ToList();
        Assert.Contains(texts, t => t.Contains(issued.Id, StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("badge.challenge.reason=replayed", StringComparison.Ordinal));
        Assert.True(issuerLogs.Lines.Count > 0 && w.Logs.Lines.Count > 0, "logs were captured");
        var secrets = new Dictionary<string, string>
        {
            ["the institution's API key"] = KeyA,
            ["the platform's API key"] = WeiboKey,
            ["the challenge id (the QR's payload)"] = challenge.Id,
            ["the poll token"] = challenge.PollToken,
            ["the nonce"] = challenge.Nonce,
            ["the signed request"] = challenge.RequestJws,
            ["the answer"] = answer,
            ["the answer's signature"] = answer[(answer.LastIndexOf('.') + 1)..],
        };
        foreach (var (what, secret) in secrets)
        {
            var leak = texts.FirstOrDefault(t => t.Contains(secret, StringComparison.Ordinal));
            Assert.True(leak is null, $"{what} appears in telemetry: {leak}");
        }
    }
}
