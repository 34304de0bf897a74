using System.Net;
using Badge.Sdk.Credentials;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Badge.Sdk.Platforms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Badge.Sdk.TestData.EmulatorHost;
using Badge.Sdk.Certificates;

namespace Badge.Sdk.IntegrationTests.Issuance;

public sealed class BadgeAuthorityClientTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorHost _host = fixture.Host;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task IssueGetCertificateRevoke_CertificateSaysRevoked()
    {
        var client = _host.Client(KeyA);
        var domain = UniqueDomain();

        var issued = await client.IssueBadgeAsync(Website(domain), Ct);
        var badge = await client.GetBadgeAsync(issued.Id, Ct);
        var before = await client.GetCertificateAsync(issued.Id, Ct);
        await client.RevokeBadgeAsync(issued.Id, "网站已关停", Ct);
        var after = await _host.Client().GetCertificateAsync(issued.Id, Ct);

        Assert.Equal(BadgeStatus.Active, badge.Status);
        Assert.Equal(domain, badge.Domain!.Value.Ascii);
        Assert.Contains($"data-badge-id=\"{issued.Id}\"", issued.EmbedCode, StringComparison.Ordinal);
        Assert.Contains("<noscript>", issued.EmbedCode, StringComparison.Ordinal);
        Assert.Equal(BadgeStatus.Active, before.Status);
        Assert.Equal("万载县人民政府办公室", before.OrganizerName.Value);
        Assert.Equal(InstitutionKind.GovernmentOrgan, before.InstitutionKind);
        Assert.Equal(BadgeStatus.Revoked, after.Status);
        Assert.Equal("网站已关停", after.RevocationReason);
        Assert.True(after.Version > before.Version);
    }

    [Fact]
    public async Task Supersede_LegacyIdLeadsToTheNewBadge()
    {
        var domain = UniqueDomain("legacy");
        var legacyId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var authority = _host.Client(AuthorityKey);
        await authority.ImportLegacyBadgeAsync(new ImportLegacyBadgeRequest
        {
            LegacyId = legacyId.ToUpperInvariant(),
            Uscc = InstitutionA.ToString(),
            OrganizerName = "万载县人民政府办公室",
            OnlineName = "万载县人民政府网",
            Domain = domain,
        }, Ct);
        var replacement = await _host.Client(KeyA).IssueBadgeAsync(Website(domain), Ct);

        var superseded = await authority.SupersedeBadgeAsync(legacyId, replacement.Id, Ct);
        var old = await _host.Client().GetBadgeAsync(legacyId, Ct);
        var current = await _host.Client().ResolveCurrentBadgeAsync(legacyId, Ct);
        var successor = await _host.Client().GetBadgeAsync(replacement.Id, Ct);

        Assert.Equal(BadgeStatus.Superseded, superseded.Status);
        Assert.True(old.IsLegacy);
        Assert.Equal(replacement.Id, old.SupersededBy);
        Assert.Equal(replacement.Id, current.Id);
        Assert.Equal(BadgeStatus.Active, current.Status);
        Assert.Equal(legacyId, successor.Supersedes);
    }

    [Fact]
    public async Task Issue_RetryAfterLostResponse_ReturnsTheSameBadgeOnce()
    {
        var dropper = new DropFirstResponseHandler();
        var client = _host.Client(KeyB, http: b => b.AddHttpMessageHandler(() => dropper));
        var before = (await client.ListBadgesAsync(InstitutionB, cancellationToken: Ct)).TotalCount;

        var issued = await client.IssueBadgeAsync(Website(UniqueDomain(owner: InstitutionB), InstitutionB, "万载县融媒体中心"), Ct);

        var after = await client.ListBadgesAsync(InstitutionB, pageSize: 100, cancellationToken: Ct);
        Assert.Equal(2, dropper.Attempts);
        Assert.True(dropper.SecondWasReplay);
        Assert.Equal(before + 1, after.TotalCount);
        Assert.Contains(after.Items, b => b.Id == issued.Id);
    }

    [Fact]
    public async Task Revoke_OtherInstitutionsBadge_Is403NotYourBadge()
    {
        var issued = await _host.Client(KeyB).IssueBadgeAsync(Website(UniqueDomain(owner: InstitutionB), InstitutionB, "万载县融媒体中心"), Ct);

        var ex = await Assert.ThrowsAsync<BadgeAuthorityException>(() => _host.Client(KeyA).RevokeBadgeAsync(issued.Id, "not mine", Ct));

        Assert.Equal(403, ex.Status);
        Assert.Equal(AuthorityErrorCodes.NotYourBadge, ex.Code);
        Assert.False(string.IsNullOrEmpty(ex.RequestId));
        Assert.Equal(BadgeStatus.Active, (await _host.Client().GetBadgeAsync(issued.Id, Ct)).Status);
    }

    public static TheoryData<string, string, string, int> BadInputs => new()
    {
        // field mutated, code, field, status
        { "uscc:11360922MB0001230Y", AuthorityErrorCodes.InvalidUscc, "uscc", 400 },
        { "uscc:", AuthorityErrorCodes.MissingField, "uscc", 400 },
        { "domain:gov-a.test:8080", AuthorityErrorCodes.InvalidDomain, "domain", 400 },
        { "domain:127.0.0.1", AuthorityErrorCodes.InvalidDomain, "domain", 400 },
        { "onlineName:" + new string('名', 101), AuthorityErrorCodes.NameTooLong, "onlineName", 400 },
        { "organizerName:万载\u200B政府", AuthorityErrorCodes.InvalidName, "organizerName", 400 },
        { "uscc:" + InstitutionC, AuthorityErrorCodes.InstitutionNotEligible, "uscc", 422 },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Issue_BadInput_NamesFieldAndReason_AndWritesNothing(string mutation, string code, string field, int status)
    {
        var split = mutation.IndexOf(':', StringComparison.Ordinal);
        var (name, value) = (mutation[..split], mutation[(split + 1)..]);
        var request = Website(UniqueDomain()) with { };
        request = name switch
        {
            "uscc" => request with { Uscc = value },
            "domain" => request with { Domain = value },
            "onlineName" => request with { OnlineName = value },
            _ => request with { OrganizerName = value },
        };
        var key = request.Uscc == InstitutionC.ToString() ? KeyC : KeyA;
        var before = (await _host.Client().ListBadgesAsync(InstitutionA, cancellationToken: Ct)).TotalCount;

        var ex = await Assert.ThrowsAsync<BadgeAuthorityException>(() => _host.Client(key).IssueBadgeAsync(request, Ct));

        Assert.Equal(status, ex.Status);
        Assert.Equal(code, ex.Code);
        Assert.Equal(field, ex.Field);
        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, (await _host.Client().ListBadgesAsync(InstitutionA, cancellationToken: Ct)).TotalCount);
    }

    [Fact]
    public async Task Issue_DuplicateActiveDomain_Is409_UntilRevoked()
    {
        var domain = UniqueDomain();
        var client = _host.Client(KeyA);
        var first = await client.IssueBadgeAsync(Website(domain), Ct);

        var ex = await Assert.ThrowsAsync<BadgeAuthorityException>(() => client.IssueBadgeAsync(Website(domain.ToUpperInvariant()), Ct));
        await client.RevokeBadgeAsync(first.Id, "moved", Ct);
        var second = await client.IssueBadgeAsync(Website(domain), Ct);

        Assert.Equal(409, ex.Status);
        Assert.Equal(AuthorityErrorCodes.DuplicateDomain, ex.Code);
        Assert.Equal("domain", ex.Field);
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task GetBadge_Unknown_Is404UnknownBadge()
    {
        var ex = await Assert.ThrowsAsync<BadgeAuthorityException>(() => _host.Client().GetBadgeAsync("bdg-00000000000000000000", Ct));

        Assert.Equal(404, ex.Status);
        Assert.Equal(AuthorityErrorCodes.UnknownBadge, ex.Code);
    }

    [Fact]
    public async Task Issue_ForAnotherInstitution_IsForbidden()
    {
        var ex = await Assert.ThrowsAsync<BadgeAuthorityException>(() =>
            _host.Client(KeyA).IssueBadgeAsync(Website(UniqueDomain(), InstitutionB), Ct));

        Assert.Equal(403, ex.Status);
        Assert.Equal(AuthorityErrorCodes.Forbidden, ex.Code);
    }

    [Fact]
    public async Task Issue_WithoutApiKey_FailsBeforeSending()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => _host.Client().IssueBadgeAsync(Website(UniqueDomain()), Ct));

        Assert.Contains("ApiKey", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_WithUnknownKey_Is401()
    {
        var ex = await Assert.ThrowsAsync<BadgeAuthorityException>(() => _host.Client("not-a-key").IssueBadgeAsync(Website(UniqueDomain()), Ct));

        Assert.Equal(401, ex.Status);
        Assert.Equal(AuthorityErrorCodes.Unauthorized, ex.Code);
    }

    [Fact]
    public async Task ListBadges_PagesOldestFirst()
    {
        var client = _host.Client(KeyA);
        for (var i = 0; i < 3; i++)
        {
            await client.IssueBadgeAsync(Website(UniqueDomain("page")), Ct);
        }

        var all = await client.ListBadgesAsync(InstitutionA, 1, 100, Ct);
        var first = await client.ListBadgesAsync(InstitutionA, 1, 2, Ct);
        var second = await client.ListBadgesAsync(InstitutionA, 2, 2, Ct);

        Assert.True(all.TotalCount >= 3);
        Assert.Equal(all.Items.Take(2).Select(b => b.Id), first.Items.Select(b => b.Id));
        Assert.Equal(all.Items.Skip(2).Take(2).Select(b => b.Id), second.Items.Select(b => b.Id));
        Assert.True(first.HasMore);
    }

    [Fact]
    public async Task Grants_AppointGrantCheckRevoke_AreAudited_WithTheVerifiedSigner()
    {
        var account = "acct-" + Guid.NewGuid().ToString("N")[..8];
        var institution = _host.Grants(KeyA);
        var weibo = _host.Grants(WeiboKey);
        var (primary, primaryChain) = await _host.PrimaryAdministratorAsync(KeyA);
        var deputyId = "deputy-" + Guid.NewGuid().ToString("N")[..6];

        var appointment = await institution.AppointAdministratorAsync(InstitutionA, new AdministratorAppointmentRequest
        {
            AdministratorId = deputyId,
            Signature = AdministratorSignature.SignAppointment(InstitutionA, deputyId, primary, primaryChain, DateTimeOffset.UtcNow),
        }, Ct);
        var (deputy, deputyChain) = await _host.AdministratorCredentialAsync(KeyA, deputyId, appointment.EnrollmentCode);
        using var _ = deputy;
        var grant = await institution.GrantOperatorAsync(InstitutionA, new OperatorGrantRequest
        {
            Platform = "weibo", AccountId = account, OperatorId = "op-7",
            Signature = AdministratorSignature.SignGrant(InstitutionA, PlatformId.Weibo, account, "op-7", deputy, deputyChain, DateTimeOffset.UtcNow),
        }, Ct);
        var held = await weibo.CheckOperatorGrantAsync(InstitutionA, PlatformId.Weibo, account, "op-7", Ct);
        var otherOperator = await weibo.CheckOperatorGrantAsync(InstitutionA, PlatformId.Weibo, account, "op-8", Ct);
        var revoked = await institution.RevokeOperatorGrantAsync(InstitutionA, grant.Id, AdministratorSignature.SignGrantRevocation(InstitutionA, grant.Id, primary, primaryChain, DateTimeOffset.UtcNow), Ct);
        var afterRevoke = await weibo.CheckOperatorGrantAsync(InstitutionA, PlatformId.Weibo, account, "op-7", Ct);
        var audit = await institution.GetAuditTrailAsync(InstitutionA, Ct);

        Assert.Equal(("admin-a", deputyId), (appointment.AppointedBy, appointment.AdministratorId));
        Assert.True(held.Granted);
        Assert.Equal(grant.Id, held.GrantId);
        Assert.Equal(deputyId, grant.GrantedBy);
        Assert.False(otherOperator.Granted);
        Assert.False(revoked.IsActive);
        Assert.False(afterRevoke.Granted);
        Assert.Contains(audit, a => a.Action == "administrator.appointed" && a.Target == deputyId && a.Actor == "admin-a");
        Assert.Contains(audit, a => a.Action == "grant.created" && a.Target == $"weibo/{account}/op-7" && a.Actor == deputyId);
        Assert.Contains(audit, a => a.Action == "grant.revoked" && a.Target == $"weibo/{account}/op-7" && a.Actor == "admin-a");
    }

    [Fact]
    public async Task Grant_Unsigned_IsRefused()
    {
        var ex = await Assert.ThrowsAsync<BadgeAuthorityException>(() => _host.Grants(KeyA).GrantOperatorAsync(InstitutionA, new OperatorGrantRequest
        {
            Platform = "weibo", AccountId = "a", OperatorId = "op",
        }, Ct));

        Assert.Equal(AuthorityErrorCodes.SignatureInvalid, ex.Code);
        Assert.Equal("signature", ex.Field);
    }

    [Fact]
    public async Task CheckGrant_PlatformKeyOfAnotherPlatform_IsForbidden()
    {
        var ex = await Assert.ThrowsAsync<BadgeAuthorityException>(() =>
            _host.Grants(WeiboKey).CheckOperatorGrantAsync(InstitutionA, PlatformId.Kuaishou, "a", "op", Ct));

        Assert.Equal(403, ex.Status);
    }

    [Fact]
    public async Task Census_SubmitAndList()
    {
        var account = "ks-" + Guid.NewGuid().ToString("N")[..8];
        var client = _host.Census(KeyA);

        var stored = await client.SubmitCensusRecordsAsync(new CensusSubmission
        {
            Uscc = InstitutionA.ToString(),
            Entries =
            [
                new CensusEntry { Platform = "kuaishou", AccountId = account, Name = "万载发布", Verified = true },
                new CensusEntry { Domain = "www.万载政府网.政务", Name = "万载县人民政府网" },
            ],
        }, Ct);
        var listed = await client.ListCensusRecordsAsync(InstitutionA, Ct);
        var asKuaishou = await _host.Census("demo-platform-kuaishou").ListCensusRecordsAsync(InstitutionA, Ct);

        Assert.Equal(2, stored.Count);
        Assert.Contains(listed, r => r.AccountId == account && r.Verified);
        Assert.Contains(listed, r => r.Domain?.Ascii == "www.xn--chq171bv3e1m4am5q.xn--zfr164b");
        Assert.All(asKuaishou, r => Assert.Equal(PlatformId.Kuaishou, r.Platform));
    }

    [Fact]
    public async Task Census_OneBadEntry_StoresNothing()
    {
        var client = _host.Census(KeyB);
        var before = (await client.ListCensusRecordsAsync(InstitutionB, Ct)).Count;

        var ex = await Assert.ThrowsAsync<BadgeAuthorityException>(() => client.SubmitCensusRecordsAsync(new CensusSubmission
        {
            Uscc = InstitutionB.ToString(),
            Entries =
            [
                new CensusEntry { Platform = "weibo", AccountId = "ok", Name = "融媒" },
                new CensusEntry { Platform = "weibo", AccountId = "bad", Name = "a\u202Eb" },
            ],
        }, Ct));

        Assert.Equal("entries[1].name", ex.Field);
        Assert.Equal(before, (await client.ListCensusRecordsAsync(InstitutionB, Ct)).Count);
    }

    [Fact]
    public async Task Cancellation_IsNotWrapped()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _host.Client().GetBadgeAsync("x", cts.Token));
    }

    [Fact]
    public async Task AuthorityDown_SurfacesAsTransportError()
    {
        var client = _host.Client(options: o =>
        {
            o.BaseAddress = new Uri("http://127.0.0.1:9/");
            o.AttemptTimeout = TimeSpan.FromSeconds(1);
            o.TotalTimeout = TimeSpan.FromSeconds(3);
        });

        var ex = await Assert.ThrowsAsync<BadgeAuthorityException>(() => client.GetBadgeAsync("bdg-1", Ct));

        Assert.Null(ex.Status);
        Assert.Equal(AuthorityErrorCodes.TransportError, ex.Code);
        Assert.NotNull(ex.InnerException);
    }

    [Fact]
    public void Options_WithoutBaseAddress_FailValidation()
    {
        var services = new ServiceCollection();
        services.AddBadgeAuthorityClient(_ => { });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<BadgeAuthorityClientOptions>>().Value);

        Assert.Contains("BaseAddress is required", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IdempotencyKey_ReusedWithAnotherBody_IsRefused()
    {
        using var http = new HttpClient { BaseAddress = _host.Address };
        async Task<HttpResponseMessage> Post(string domain)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/badges")
            {
                Content = System.Net.Http.Json.JsonContent.Create(Website(domain)),
            };
            request.Headers.Add("X-Api-Key", KeyA);
            request.Headers.Add("Idempotency-Key", "fixed-key-" + _host.DatabasePath.GetHashCode(StringComparison.Ordinal));
            return await http.SendAsync(request, Ct);
        }

        using var first = await Post(UniqueDomain());
        using var replay = await Post(UniqueDomain());

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal((HttpStatusCode)422, replay.StatusCode);
        Assert.Contains("idempotency_key_reused", await replay.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientsByConcern_ShareTheRegisteredHttpClient_AndItsHandlers()
    {
        var seen = new List<string>();
        var services = _host.Provider(KeyA, http: builder => builder.AddHttpMessageHandler(() => new RecordingHandler(seen)));

        await services.GetRequiredService<IBadgeAuthorityClient>().GetAuthorityMetadataAsync(Ct);
        var audit = await services.GetRequiredService<IOperatorGrantClient>().GetAuditTrailAsync(InstitutionA, Ct);
        var census = await services.GetRequiredService<ICensusClient>().ListCensusRecordsAsync(InstitutionA, Ct);
        var status = await services.GetRequiredService<ICredentialAuthorityClient>().GetCredentialStatusAsync("00AA", Ct);

        Assert.NotNull(audit);
        Assert.NotNull(census);
        Assert.Equal(CredentialState.Unknown, status.Status);
        Assert.Equal(
            ["/.well-known/badge-authority", $"/api/v1/institutions/{InstitutionA}/audit", $"/api/v1/institutions/{InstitutionA}/census-records", "/api/v1/credentials/00AA/status"],
            seen);
    }

    [Fact]
    public async Task TypedArguments_TheDefaultPlatform_IsRefusedBeforeAnyRequest()
    {
        var seen = new List<string>();
        var services = _host.Provider(WeiboKey, http: builder => builder.AddHttpMessageHandler(() => new RecordingHandler(seen)));

        var grant = await Assert.ThrowsAsync<ArgumentException>(() => services.GetRequiredService<IOperatorGrantClient>().CheckOperatorGrantAsync(InstitutionA, default, "a", "op", Ct));
        var census = await Assert.ThrowsAsync<ArgumentException>(() => services.GetRequiredService<ICensusClient>().ListCensusAttachmentsAsync(default, Ct));

        Assert.Equal("platform", grant.ParamName);
        Assert.Equal("platform", census.ParamName);
        Assert.Empty(seen);
    }

    private sealed class RecordingHandler(List<string> seen) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (seen)
            {
                seen.Add(request.RequestUri!.AbsolutePath);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    // Lets the first attempt reach the authority, then loses its response, as a dropped connection would.
    private sealed class DropFirstResponseHandler : DelegatingHandler
    {
        public int Attempts { get; private set; }

        public bool SecondWasReplay { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.Method != HttpMethod.Post)
            {
                return response;
            }

            Attempts++;
            if (Attempts == 1)
            {
                response.Dispose();
                throw new HttpRequestException("connection reset after the request was processed (simulated)");
            }

            SecondWasReplay = response.Headers.Contains("Idempotent-Replayed");
            return response;
        }
    }
}
