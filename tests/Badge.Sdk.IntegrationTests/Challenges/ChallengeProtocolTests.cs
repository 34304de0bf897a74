using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Badge.Sdk.Challenges;
using Badge.Sdk.Credentials;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Badge.Sdk.Platforms;
using Microsoft.Extensions.Time.Testing;
using static Badge.Sdk.TestData.EmulatorHost;

namespace Badge.Sdk.IntegrationTests.Challenges;

/// <summary>The QR challenge protocol against the emulator's CA and grants, over HTTP on 127.0.0.1.</summary>
public sealed class ChallengeProtocolTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly OrganizerName Name = OrganizerName.Parse("万载县人民政府办公室");
    private readonly EmulatorHost _host = fixture.Host;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Party(X509Certificate2 Certificate, X509Certificate2Collection Chain);

    private sealed class World
    {
        public required Party Institution { get; init; }

        public required Party Platform { get; init; }

        public required X509Certificate2Collection Roots { get; init; }

        public required FakeTimeProvider Time { get; init; }

        public required IChallengeStore Store { get; init; }

        public required ChallengeOptions Options { get; init; }

        public required ChallengeIssuer Issuer { get; init; }

        public required ChallengeVerifier Verifier { get; init; }

        public required string Account { get; init; }

        public required string IssuedSerial { get; init; }
    }

    private async Task<Party> CredentialAsync(string key, bool platform)
    {
        var (certificate, chain) = await _host.CredentialAsync(key, platform);
        return new Party(certificate, chain);
    }

    private async Task<World> WorldAsync(bool grant = true, IChallengeStore? store = null)
    {
        var institution = await CredentialAsync(KeyA, platform: false);
        var platform = await CredentialAsync(WeiboKey, platform: true);
        var roots = await _host.RootsAsync();
        var account = "wb-" + Guid.NewGuid().ToString("N")[..10];
        if (grant)
        {
            await _host.GrantAsync(KeyA, InstitutionA, "weibo", account, "op-1");
        }

        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new ChallengeOptions();
        options.Roots.AddRange(roots);
        store ??= new InMemoryChallengeStore();
        return new World
        {
            Institution = institution,
            Platform = platform,
            Roots = roots,
            Time = time,
            Store = store,
            Options = options,
            Issuer = new ChallengeIssuer(store, options, time),
            Verifier = new ChallengeVerifier(store, _host.Grants(WeiboKey), _host.Credentials(WeiboKey), options, time),
            Account = account,
            IssuedSerial = institution.Certificate.SerialNumber,
        };
    }

    private static Task<Challenge> CreateAsync(World w, string? name = null, UnifiedSocialCreditCode? uscc = null) =>
        w.Issuer.CreateAsync(new CreateChallengeRequest { Platform = PlatformId.Weibo, AccountId = w.Account, Uscc = uscc ?? InstitutionA, InstitutionName = name is null ? Name : OrganizerName.Parse(name), PlatformCertificate = w.Platform.Certificate, PlatformChain = w.Platform.Chain }, Ct);

    private static string Answer(World w, Challenge c, string operatorId = "op-1", bool approve = true) =>
        approve ? ChallengeSigner.Approve(new ChallengeAnswerRequest { RequestJws = c.RequestJws, Credential = w.Institution.Certificate, Chain = w.Institution.Chain, Roots = w.Roots, OperatorId = operatorId, Now = w.Time.GetUtcNow() }) : ChallengeSigner.Deny(new ChallengeAnswerRequest { RequestJws = c.RequestJws, Credential = w.Institution.Certificate, Chain = w.Institution.Chain, Roots = w.Roots, OperatorId = operatorId, Now = w.Time.GetUtcNow() });

    [Fact]
    public async Task GoodAnswer_IsApproved_AndThePlatformGetsTheAccountBadge()
    {
        var w = await WorldAsync();
        var challenge = await CreateAsync(w);

        var view = ChallengeSigner.Inspect(challenge.RequestJws, w.Institution.Certificate, w.Roots, w.Time.GetUtcNow());
        var result = await w.Verifier.VerifyAsync(Answer(w, challenge), Ct);
        var badge = await _host.Client(WeiboKey).IssueBadgeAsync(IssueBadgeRequest.ForPlatformAccount(InstitutionA, Name, OnlineName.Parse("万载发布"), PlatformId.Weibo, w.Account, result.Challenge!.Answer!), Ct);
        var certificate = await _host.Client().GetCertificateAsync(badge.Id, Ct);
        // Opened from the account's profile on the platform: no copied-badge warning (only a website badge covers hosts).
        using var http = new HttpClient();
        using var pageRequest = new HttpRequestMessage(HttpMethod.Get, new Uri(_host.Address, $"certificates/{badge.Id}"));
        pageRequest.Headers.Referrer = new Uri($"http://weibo.test/u/{w.Account}");
        using var pageResponse = await http.SendAsync(pageRequest, Ct);
        var page = await pageResponse.Content.ReadAsStringAsync(Ct);

        Assert.Equal("微博", view.PlatformName);
        Assert.Equal(challenge.DisplayCode, view.DisplayCode);
        Assert.DoesNotContain(w.Account[3..^2], view.MaskedAccount, StringComparison.Ordinal);
        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(ChallengeState.Approved, result.Challenge!.State);
        Assert.Equal("op-1", result.Challenge.OperatorId);
        Assert.Equal("万载县人民政府办公室", certificate.OrganizerName.Value);
        Assert.Equal(w.Account, certificate.AccountId);
        Assert.Equal(HttpStatusCode.OK, pageResponse.StatusCode);
        Assert.Contains(w.Account, page, StringComparison.Ordinal);
        Assert.DoesNotContain("foreign-site-warning", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARevokedGrant_IsHonouredAfterAtMostTheGrantCacheDuration()
    {
        var w = await WorldAsync();
        var first = await w.Verifier.VerifyAsync(Answer(w, await CreateAsync(w)), Ct);
        var grant = await _host.Grants(WeiboKey).CheckOperatorGrantAsync(InstitutionA, PlatformId.Weibo, w.Account, "op-1", Ct);
        var (administrator, administratorChain) = await _host.PrimaryAdministratorAsync(KeyA);
        await _host.Grants(KeyA).RevokeOperatorGrantAsync(
            InstitutionA, grant.GrantId!, Badge.Sdk.Credentials.AdministratorSignature.SignGrantRevocation(InstitutionA, grant.GrantId!, administrator, administratorChain, DateTimeOffset.UtcNow), Ct);

        var cached = await w.Verifier.VerifyAsync(Answer(w, await CreateAsync(w)), Ct);
        w.Time.Advance(w.Options.GrantCacheDuration + TimeSpan.FromSeconds(1));
        var refused = await w.Verifier.VerifyAsync(Answer(w, await CreateAsync(w)), Ct);

        Assert.True(first.IsValid, first.Reason);
        Assert.True(cached.IsValid, "within GrantCacheDuration the confirmed grant is reused");
        Assert.Equal(ChallengeReasonCodes.NotGranted, refused.Reason);
    }

    [Fact]
    public async Task WithoutAGrantCache_ARevokedGrantIsRefusedAtOnce()
    {
        var w = await WorldAsync();
        w.Options.GrantCacheDuration = TimeSpan.Zero;
        Assert.True((await w.Verifier.VerifyAsync(Answer(w, await CreateAsync(w)), Ct)).IsValid);
        var grant = await _host.Grants(WeiboKey).CheckOperatorGrantAsync(InstitutionA, PlatformId.Weibo, w.Account, "op-1", Ct);
        var (administrator, administratorChain) = await _host.PrimaryAdministratorAsync(KeyA);
        await _host.Grants(KeyA).RevokeOperatorGrantAsync(
            InstitutionA, grant.GrantId!, Badge.Sdk.Credentials.AdministratorSignature.SignGrantRevocation(InstitutionA, grant.GrantId!, administrator, administratorChain, DateTimeOffset.UtcNow), Ct);

        var refused = await w.Verifier.VerifyAsync(Answer(w, await CreateAsync(w)), Ct);

        Assert.Equal(ChallengeReasonCodes.NotGranted, refused.Reason);
    }

    [Fact]
    public async Task TheSameAnswerAtAnotherPlatformOrAccount_IsABindingMismatch()
    {
        var w = await WorldAsync();
        var challenge = await CreateAsync(w);
        var other = await CreateAsync(w);
        var answer = Answer(w, challenge);

        // Relayed to another platform, or to another account, holding a challenge with the same id.
        var elsewhere = new InMemoryChallengeStore();
        Assert.True(await elsewhere.TryAddAsync(challenge with { Platform = PlatformId.WeChatOfficialAccount }, Ct));
        var otherPlatform = await new ChallengeVerifier(elsewhere, _host.Grants(WeiboKey), _host.Credentials(WeiboKey), w.Options, w.Time).VerifyAsync(answer, Ct);
        var otherAccounts = new InMemoryChallengeStore();
        Assert.True(await otherAccounts.TryAddAsync(challenge with { AccountId = "wb-someone-else" }, Ct));
        var otherAccount = await new ChallengeVerifier(otherAccounts, _host.Grants(WeiboKey), _host.Credentials(WeiboKey), w.Options, w.Time).VerifyAsync(answer, Ct);

        // Posted for another challenge of the same platform: refused before anything is consumed.
        var posted = await w.Verifier.VerifyForChallengeAsync(other.Id, answer, Ct);

        Assert.Equal(ChallengeReasonCodes.BindingMismatch, otherPlatform.Reason);
        Assert.Equal(ChallengeReasonCodes.BindingMismatch, otherAccount.Reason);
        Assert.Equal(ChallengeReasonCodes.BindingMismatch, posted.Reason);
        Assert.Equal(ChallengeState.Pending, (await w.Store.GetAsync(challenge.Id, Ct))!.State);
        Assert.Equal(ChallengeState.Pending, (await w.Store.GetAsync(other.Id, Ct))!.State);
        Assert.True((await w.Verifier.VerifyForChallengeAsync(challenge.Id, answer, Ct)).IsValid);
    }

    [Fact]
    public async Task AForgedX5cThatJoinsTheChainIntoOneString_DoesNotPoisonTheRealSignersCache()
    {
        var w = await WorldAsync();
        var challenge = await CreateAsync(w);
        var answer = Answer(w, challenge);
        var parts = answer.Split('.');
        var header = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[0]))!;
        var x5c = header["x5c"]!.AsArray().Select(n => n!.GetValue<string>()).ToArray();
        header["x5c"] = new JsonArray(JsonValue.Create(string.Join('\0', x5c)));
        var forged = $"{System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString()))}.{parts[1]}.{parts[2]}";

        var first = await w.Verifier.VerifyAsync(forged, Ct);
        var real = await w.Verifier.VerifyAsync(answer, Ct);

        Assert.True(x5c.Length >= 2);
        Assert.Equal(ChallengeReasonCodes.ChainInvalid, first.Reason);
        Assert.True(real.IsValid, real.Reason);
    }

    [Fact]
    public async Task OnlyAnExplicitApprovalApproves()
    {
        var w = await WorldAsync();
        var challenge = await CreateAsync(w);
        var payload = new ChallengeAnswerPayload
        {
            Aud = "weibo", ChallengeId = challenge.Id, AccountId = w.Account, Uscc = InstitutionA.ToString(), OperatorId = "op-1",
            Nonce = challenge.Nonce, RequestHash = challenge.RequestHash, Decision = null, Iat = w.Time.GetUtcNow().ToUnixTimeSeconds(),
        };
        var undecided = JwsWriter.Sign(payload, ChallengesJsonContext.Default.ChallengeAnswerPayload, ChallengeJws.AnswerType,
            w.Institution.Certificate, w.Institution.Chain, Es256SignatureAlgorithm.Instance);

        var result = await w.Verifier.VerifyAsync(undecided, Ct);

        Assert.Equal(ChallengeReasonCodes.Malformed, result.Reason);
        Assert.Equal(ChallengeState.Pending, (await w.Store.GetAsync(challenge.Id, Ct))!.State);
    }

    [Fact]
    public async Task Algorithms_AreAnAllowList_AndAnotherAlgorithmPlugsIn()
    {
        var w = await WorldAsync();
        var renamed = new RenamedEs256("XS256");
        var options = new ChallengeOptions();
        options.Roots.AddRange(w.Roots);
        options.Algorithms.Clear();
        options.Algorithms.Add(renamed);
        var verifier = new ChallengeVerifier(w.Store, _host.Grants(WeiboKey), _host.Credentials(WeiboKey), options, w.Time);
        var challenge = await CreateAsync(w);
        var second = await CreateAsync(w);

        var es256 = await verifier.VerifyAsync(Answer(w, challenge), Ct);
        var plugged = ChallengeSigner.Approve(new ChallengeAnswerRequest { RequestJws = second.RequestJws, Credential = w.Institution.Certificate, Chain = w.Institution.Chain, Roots = w.Roots, OperatorId = "op-1", Now = w.Time.GetUtcNow(), Algorithms = [Es256SignatureAlgorithm.Instance, renamed] });
        var xs256 = ChallengeSigner.Approve(new ChallengeAnswerRequest { RequestJws = second.RequestJws, Credential = w.Institution.Certificate, Chain = w.Institution.Chain, Roots = w.Roots, OperatorId = "op-1", Now = w.Time.GetUtcNow(), Algorithms = [renamed, Es256SignatureAlgorithm.Instance] });
        var refusedByDefault = await w.Verifier.VerifyAsync(xs256, Ct);
        var accepted = await verifier.VerifyAsync(xs256, Ct);

        Assert.Equal(ChallengeReasonCodes.AlgorithmNotAllowed, es256.Reason);
        Assert.Contains("\"alg\":\"ES256\"", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(Pad(plugged.Split('.')[0]))), StringComparison.Ordinal);
        Assert.Equal(ChallengeReasonCodes.AlgorithmNotAllowed, refusedByDefault.Reason);
        Assert.True(accepted.IsValid, accepted.Reason);
    }

    private static string Pad(string base64Url) =>
        base64Url.Replace('-', '+').Replace('_', '/').PadRight(base64Url.Length + ((4 - (base64Url.Length % 4)) % 4), '=');

    // ES256 under another name: stands in for an algorithm an integrator adds (for example SM2 with SM3).
    private sealed class RenamedEs256(string name) : ISignatureAlgorithm
    {
        public string Name => name;

        public bool CanSign(X509Certificate2 certificate) => Es256SignatureAlgorithm.Instance.CanSign(certificate);

        public byte[] Sign(X509Certificate2 certificate, ReadOnlySpan<byte> signingInput) => Es256SignatureAlgorithm.Instance.Sign(certificate, signingInput);

        public ISignatureVerifier? CreateVerifier(X509Certificate2 certificate) => Es256SignatureAlgorithm.Instance.CreateVerifier(certificate);
    }

    [Fact]
    public async Task Lifecycle_ApprovedThenCompleted_AndCancelledCannotBeAnswered()
    {
        var w = await WorldAsync();
        var approved = await CreateAsync(w);
        var cancelled = await CreateAsync(w);
        var answer = Answer(w, cancelled);

        await w.Verifier.VerifyAsync(Answer(w, approved), Ct);
        var completed = await w.Issuer.CompleteAsync(approved.Id, Ct);
        var completedTwice = await w.Issuer.CompleteAsync(approved.Id, Ct);
        var cancel = await w.Issuer.CancelAsync(cancelled.Id, Ct);
        var afterCancel = await w.Verifier.VerifyAsync(answer, Ct);

        Assert.Equal(ChallengeTransitionStatus.Done, completed.Status);
        Assert.Equal(ChallengeState.Completed, completed.Challenge!.State);
        Assert.Equal((ChallengeTransitionStatus.WrongState, ChallengeState.Completed), (completedTwice.Status, completedTwice.Challenge!.State));
        Assert.Equal(ChallengeState.Completed, (await w.Store.GetAsync(approved.Id, Ct))!.State);
        Assert.True(cancel.Succeeded);
        Assert.Equal(ChallengeReasonCodes.Replayed, afterCancel.Reason);
        Assert.Equal(ChallengeState.Cancelled, (await w.Store.GetAsync(cancelled.Id, Ct))!.State);
    }

    [Fact]
    public async Task Replay_ExpiredChallenge_AndDeny_AreRefusedWithTheirReasons()
    {
        var w = await WorldAsync();
        var first = await CreateAsync(w);
        var good = Answer(w, first);
        var expiring = await CreateAsync(w);
        var expiringAnswer = Answer(w, expiring);
        var declined = await CreateAsync(w);

        Assert.True((await w.Verifier.VerifyAsync(good, Ct)).IsValid);
        Assert.Equal(ChallengeReasonCodes.Replayed, (await w.Verifier.VerifyAsync(good, Ct)).Reason);
        Assert.Equal(ChallengeReasonCodes.Denied, (await w.Verifier.VerifyAsync(Answer(w, declined, approve: false), Ct)).Reason);
        w.Time.Advance(TimeSpan.FromSeconds(121));
        Assert.Equal(ChallengeReasonCodes.Expired, (await w.Verifier.VerifyAsync(expiringAnswer, Ct)).Reason);
    }

    [Fact]
    public async Task TamperedPayloadOrHeader_NoneAndHs256_AreRefused()
    {
        var w = await WorldAsync();
        var challenge = await CreateAsync(w);
        var parts = Answer(w, challenge).Split('.');
        var payload = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1])).Replace("op-1", "op-2", StringComparison.Ordinal);
        var header = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(parts[0]));
        string B(string s) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(s));
        var hmac = System.Buffers.Text.Base64Url.EncodeToString(HMACSHA256.HashData("secret"u8, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1])));

        Assert.Contains("op-2", payload, StringComparison.Ordinal);
        Assert.Equal(ChallengeReasonCodes.BadSignature, (await w.Verifier.VerifyAsync($"{parts[0]}.{B(payload)}.{parts[2]}", Ct)).Reason);
        Assert.Equal(ChallengeReasonCodes.BadSignature, (await w.Verifier.VerifyAsync($"{B("{\"kid\":\"x\"," + header[1..])}.{parts[1]}.{parts[2]}", Ct)).Reason);
        Assert.Equal(ChallengeReasonCodes.AlgorithmNotAllowed, (await w.Verifier.VerifyAsync($"{B(header.Replace("ES256", "none", StringComparison.Ordinal))}.{parts[1]}.", Ct)).Reason);
        Assert.Equal(ChallengeReasonCodes.AlgorithmNotAllowed, (await w.Verifier.VerifyAsync($"{B(header.Replace("ES256", "HS256", StringComparison.Ordinal))}.{parts[1]}.{hmac}", Ct)).Reason);
        Assert.Equal(ChallengeState.Pending, (await w.Store.GetAsync(challenge.Id, Ct))!.State);
    }

    [Fact]
    public async Task WrongCodeOrNameTyped_AreRefused()
    {
        var w = await WorldAsync();
        var wrongCode = await CreateAsync(w, uscc: InstitutionB);
        var wrongName = await CreateAsync(w, name: "另一个单位");

        var refused = Assert.Throws<ChallengeSignException>(() => ChallengeSigner.Inspect(wrongCode.RequestJws, w.Institution.Certificate, w.Roots, w.Time.GetUtcNow()));
        var name = await w.Verifier.VerifyAsync(Answer(w, wrongName), Ct);

        Assert.Equal(ChallengeReasonCodes.UsccMismatch, refused.Reason);
        Assert.Contains("不一致", refused.Message, StringComparison.Ordinal);
        Assert.Equal(ChallengeReasonCodes.NameMismatch, name.Reason);
        Assert.Equal(ChallengeState.Rejected, name.Challenge!.State);
    }

    [Fact]
    public async Task CertificateFromAnotherRoot_IsRefused()
    {
        var w = await WorldAsync();
        var challenge = await CreateAsync(w);
        using var rogueRoot = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest("CN=Rogue root", rogueRoot, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var root = rootRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest(w.Institution.Certificate.SubjectName, leafKey, HashAlgorithmName.SHA256);
        foreach (var extension in w.Institution.Certificate.Extensions)
        {
            if (extension.Oid?.Value == "1.3.6.1.4.1.60000.1.1")
            {
                leafRequest.CertificateExtensions.Add(extension);
            }
        }

        using var leaf = leafRequest.Create(root, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), [1, 2, 3]);
        using var rogue = leaf.CopyWithPrivateKey(leafKey);
        var answer = ChallengeSigner.Approve(new ChallengeAnswerRequest { RequestJws = challenge.RequestJws, Credential = rogue, Chain = [root], Roots = w.Roots, OperatorId = "op-1", Now = w.Time.GetUtcNow() });

        Assert.Equal(ChallengeReasonCodes.ChainInvalid, (await w.Verifier.VerifyAsync(answer, Ct)).Reason);
    }

    [Fact]
    public async Task RevokedOrExpiredCredential_AndMissingGrant_AreRefused()
    {
        var w = await WorldAsync();
        var forExpiry = await CreateAsync(w);
        var expiryAnswer = Answer(w, forExpiry);
        var ungranted = await CreateAsync(w);
        var revokedChallenge = await CreateAsync(w);

        var notGranted = await w.Verifier.VerifyAsync(Answer(w, ungranted, operatorId: "op-stranger"), Ct);
        await _host.Credentials(KeyA).RevokeCredentialAsync(w.IssuedSerial, Ct);
        w.Time.Advance(TimeSpan.FromSeconds(61)); // past the revocation cache, within the challenge's lifetime
        var revoked = await w.Verifier.VerifyAsync(Answer(w, revokedChallenge), Ct);
        w.Time.Advance(TimeSpan.FromDays(800));
        var expired = await w.Verifier.VerifyAsync(expiryAnswer, Ct);

        Assert.Equal(ChallengeReasonCodes.NotGranted, notGranted.Reason);
        Assert.Equal(ChallengeReasonCodes.Revoked, revoked.Reason);
        Assert.Equal(ChallengeReasonCodes.CertificateExpired, expired.Reason);
    }

    [Fact]
    public async Task HundredConcurrentSubmissionsOfOneAnswer_ExactlyOneSucceeds()
    {
        var w = await WorldAsync();
        var challenge = await CreateAsync(w);
        var answer = Answer(w, challenge);

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => w.Verifier.VerifyAsync(answer, Ct), Ct)));

        Assert.Equal(1, results.Count(r => r.IsValid));
        Assert.All(results.Where(r => !r.IsValid), r => Assert.Equal(ChallengeReasonCodes.Replayed, r.Reason));
    }

    [Fact]
    public async Task RedisStore_TryAddAsyncOfATakenId_ReturnsFalse_AndKeepsTheFirst_AsTheInMemoryStoreDoes()
    {
        var endpoint = RedisServer.EndpointOrSkip();
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(endpoint);
        var store = new Badge.Sdk.Redis.RedisChallengeStore(redis.GetDatabase(), $"test:{Guid.NewGuid():N}:");
        var w = await WorldAsync(store: store);
        var challenge = await CreateAsync(w);

        var again = await store.TryAddAsync(challenge with { AccountId = "wb-attacker" }, Ct);
        var inMemory = new InMemoryChallengeStore();
        var inMemoryResults = (await inMemory.TryAddAsync(challenge, Ct), await inMemory.TryAddAsync(challenge, Ct));

        Assert.False(again);
        Assert.Equal(w.Account, (await store.GetAsync(challenge.Id, Ct))!.AccountId);
        Assert.Equal((true, false), inMemoryResults);
    }

    [Fact]
    public async Task HundredConcurrentSubmissionsAcrossTwoNodesSharingRedis_ExactlyOneSucceeds()
    {
        var endpoint = RedisServer.EndpointOrSkip();
        await using var node1 = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(endpoint);
        await using var node2 = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(endpoint);
        var prefix = $"test:{Guid.NewGuid():N}:";
        var w = await WorldAsync(store: new Badge.Sdk.Redis.RedisChallengeStore(node1.GetDatabase(), prefix));
        var second = new ChallengeVerifier(new Badge.Sdk.Redis.RedisChallengeStore(node2.GetDatabase(), prefix), _host.Grants(WeiboKey), _host.Credentials(WeiboKey), w.Options, w.Time);
        var challenge = await CreateAsync(w);
        var answer = Answer(w, challenge);

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() => (i % 2 == 0 ? w.Verifier : second).VerifyAsync(answer, Ct), Ct)));
        var stored = await new Badge.Sdk.Redis.RedisChallengeStore(node2.GetDatabase(), prefix).GetAsync(challenge.Id, Ct);

        Assert.Equal(1, results.Count(r => r.IsValid));
        Assert.All(results.Where(r => !r.IsValid), r => Assert.Equal(ChallengeReasonCodes.Replayed, r.Reason));
        Assert.Equal(ChallengeState.Approved, stored!.State);
        Assert.Equal(challenge.Uscc, stored.Uscc);
    }

    [Fact]
    public async Task Answer_IsStandard_OpenSslVerifiesItsSignatureAndChain()
    {
        var w = await WorldAsync();
        var challenge = await CreateAsync(w);
        var parts = Answer(w, challenge).Split('.');
        var directory = Directory.CreateTempSubdirectory("badge-openssl-");
        string Path(string name) => System.IO.Path.Combine(directory.FullName, name);
        var raw = System.Buffers.Text.Base64Url.DecodeFromChars(parts[2]);
        // JWS carries ECDSA as raw r||s; OpenSSL wants DER.
        await File.WriteAllBytesAsync(Path("sig.der"), ECDsaSignatureToDer(raw), Ct);
        await File.WriteAllTextAsync(Path("input.txt"), parts[0] + "." + parts[1], Ct);
        await File.WriteAllTextAsync(Path("leaf.pem"), w.Institution.Certificate.ExportCertificatePem(), Ct);
        await File.WriteAllTextAsync(Path("issuing.pem"), w.Institution.Chain[0].ExportCertificatePem(), Ct);
        await File.WriteAllTextAsync(Path("root.pem"), w.Roots[0].ExportCertificatePem(), Ct);
        await File.WriteAllTextAsync(Path("pub.pem"), w.Institution.Certificate.GetECDsaPublicKey()!.ExportSubjectPublicKeyInfoPem(), Ct);

        var signature = await OpenSslAsync($"dgst -sha256 -verify {Path("pub.pem")} -signature {Path("sig.der")} {Path("input.txt")}");
        var chain = await OpenSslAsync($"verify -CAfile {Path("root.pem")} -untrusted {Path("issuing.pem")} {Path("leaf.pem")}");
        directory.Delete(recursive: true);

        Assert.Contains("Verified OK", signature, StringComparison.Ordinal);
        Assert.Contains(": OK", chain, StringComparison.Ordinal);
    }

    private static byte[] ECDsaSignatureToDer(byte[] raw)
    {
        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteIntegerUnsigned(raw.AsSpan(0, raw.Length / 2));
            writer.WriteIntegerUnsigned(raw.AsSpan(raw.Length / 2));
        }

        return writer.Encode();
    }

    private static async Task<string> OpenSslAsync(string arguments)
    {
        if (!File.Exists("/usr/bin/openssl"))
        {
            const string Reason = "OpenSSL's command line is not installed (/usr/bin/openssl; apt-get install openssl).";
            if (Environment.GetEnvironmentVariable("BADGE_REQUIRE_SYSTEM_PACKAGES") == "1")
            {
                Assert.Fail(Reason);
            }

            Assert.Skip(Reason);
        }

        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/usr/bin/openssl", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await process.StandardOutput.ReadToEndAsync(Ct) + await process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return output;
    }
}
