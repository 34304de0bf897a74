using System.Net;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Badge.Sdk.Verification;
using Microsoft.AspNetCore.Http;
using static Badge.Sdk.IntegrationTests.Trust.TrustSites;
using static Badge.Sdk.TestData.EmulatorHost;
using Badge.Sdk.Certificates;

namespace Badge.Sdk.IntegrationTests.Trust;

/// <summary>
/// Domains are proven, not claimed: the attacks an institution's key could try on domains, each over HTTP against the
/// emulator and refused with its reason; and the legitimate routes (a registered domain, a site running the footer)
/// still end in an active badge.
/// </summary>
public sealed class DomainTrustTests : IAsyncLifetime
{
    private EmulatorHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _host = await EmulatorHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("gov.cn")]
    [InlineData("政务")]
    [InlineData("公益")]
    [InlineData("cn")]
    [InlineData("com.cn")]
    [InlineData("org.cn")]
    [InlineData("edu.cn")]
    [InlineData("net.cn")]
    [InlineData("github.io")]
    [InlineData("com")]
    public async Task Issue_ForAPublicSuffix_IsRefused(string suffix)
    {
        if (suffix == "github.io" && !File.Exists(Badge.Authority.Domains.PublicSuffixList.SystemPath)
            && Environment.GetEnvironmentVariable("BADGE_REQUIRE_SYSTEM_PACKAGES") != "1")
        {
            Assert.Skip("The Public Suffix List is missing (apt-get install publicsuffix); the built-in fallback knows only common suffixes.");
        }

        var ex = await Assert.ThrowsAsync<BadgeAuthorityException>(() => _host.Client(KeyA).IssueBadgeAsync(Website(suffix), Ct));

        Assert.Equal(422, ex.Status);
        Assert.Equal(AuthorityErrorCodes.PublicSuffix, ex.Code);
        Assert.Equal("domain", ex.Field);
        Assert.Equal(0, (await _host.Client().ListBadgesAsync(InstitutionA, cancellationToken: Ct)).TotalCount);
    }

    [Fact]
    public async Task Issue_ForTheStateCouncilsDomain_WithAnInstitutionsKey_IsRefused()
    {
        var request = Website("www.gov.cn") with { OnlineName = "中国政府网" };

        var registered = await Assert.ThrowsAsync<BadgeAuthorityException>(() => _host.Client(KeyA).IssueBadgeAsync(request, Ct));
        var sub = await Assert.ThrowsAsync<BadgeAuthorityException>(() => _host.Client(KeyA).IssueBadgeAsync(Website("english.www.gov.cn"), Ct));
        var unregistered = await Assert.ThrowsAsync<BadgeAuthorityException>(() => _host.Client(KeyA).IssueBadgeAsync(Website("nobody-registered-this.gov.cn"), Ct));
        var another = await Assert.ThrowsAsync<BadgeAuthorityException>(() => _host.Client(KeyB).IssueBadgeAsync(Website("wanzai.gov.cn", InstitutionB), Ct));

        Assert.Equal((403, AuthorityErrorCodes.DomainRegisteredToAnother), (registered.Status!.Value, registered.Code));
        Assert.Equal((403, AuthorityErrorCodes.DomainRegisteredToAnother), (sub.Status!.Value, sub.Code));
        Assert.Equal((422, AuthorityErrorCodes.DomainNotRegistered), (unregistered.Status!.Value, unregistered.Code));
        Assert.Equal((403, AuthorityErrorCodes.DomainRegisteredToAnother), (another.Status!.Value, another.Code));
        Assert.Equal(0, (await _host.Client().ListBadgesAsync(InstitutionA, cancellationToken: Ct)).TotalCount);
        Assert.Equal(0, (await _host.Client().ListBadgesAsync(InstitutionB, cancellationToken: Ct)).TotalCount);
    }

    [Fact]
    public async Task Issue_UnderTheInstitutionsOwnRegistration_IsActiveAtOnce()
    {
        var issued = await _host.Client(KeyA).IssueBadgeAsync(Website("万载政府网.政务"), Ct);
        var localhost = await _host.Client(KeyA).IssueBadgeAsync(Website("localhost"), Ct);

        Assert.Equal(BadgeStatus.Active, issued.Badge.Status);
        Assert.Null(issued.Badge.DomainValidation);
        Assert.Equal(BadgeStatus.Active, localhost.Badge.Status);
        Assert.Equal("万载县人民政府办公室", (await _host.Client().GetCertificateAsync(issued.Id, Ct)).OrganizerName.Value);
    }

    [Fact]
    public async Task OverlappingBadges_OnlyForDifferentRegisteredSubdomains_AndTheMostSpecificVouches()
    {
        var parent = await _host.Client(KeyA).IssueBadgeAsync(Website("wanzai.gov.cn"), Ct);
        var registeredSub = await _host.Client(KeyB).IssueBadgeAsync(Website("rmt.wanzai.gov.cn", InstitutionB), Ct);
        var sameRegistration = await Assert.ThrowsAsync<BadgeAuthorityException>(() => _host.Client(KeyA).IssueBadgeAsync(Website("news.wanzai.gov.cn"), Ct));
        var child = UniqueDomain("c");
        await _host.Client(KeyA).IssueBadgeAsync(Website("www." + child), Ct);
        var parentOfActive = await Assert.ThrowsAsync<BadgeAuthorityException>(() => _host.Client(KeyA).IssueBadgeAsync(Website(child), Ct));

        Assert.Equal(BadgeStatus.Active, registeredSub.Badge.Status);
        Assert.Equal((409, AuthorityErrorCodes.OverlappingDomain, "domain"), (sameRegistration.Status!.Value, sameRegistration.Code, sameRegistration.Field));
        Assert.Equal((409, AuthorityErrorCodes.OverlappingDomain), (parentOfActive.Status!.Value, parentOfActive.Code));
        Assert.Equal(registeredSub.Id, (await _host.Client().FindBadgeForHostAsync("www.rmt.wanzai.gov.cn", Ct))!.Id);
        Assert.Equal(parent.Id, (await _host.Client().FindBadgeForHostAsync("www.wanzai.gov.cn", Ct))!.Id);
        Assert.Null(await _host.Client().FindBadgeForHostAsync("elsewhere.gov.cn", Ct));

        // The parent's badge copied onto the registered subdomain's pages: the certificate page warns.
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, parent.CertificateUrl);
        request.Headers.Referrer = new Uri("http://www.rmt.wanzai.gov.cn/");
        var page = await (await http.SendAsync(request, Ct)).Content.ReadAsStringAsync(Ct);
        using var own = new HttpRequestMessage(HttpMethod.Get, parent.CertificateUrl);
        own.Headers.Referrer = new Uri("http://www.wanzai.gov.cn/");
        var ownPage = await (await http.SendAsync(own, Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("foreign-site-warning", page, StringComparison.Ordinal);
        Assert.DoesNotContain("foreign-site-warning", ownPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verifier_ParentBadgeOnARegisteredSubdomain_IsADomainMismatch()
    {
        var parent = await _host.Client(KeyA).IssueBadgeAsync(Website("wanzai.gov.cn"), Ct);
        await _host.Client(KeyB).IssueBadgeAsync(Website("rmt.wanzai.gov.cn", InstitutionB), Ct);
        await using var site = await FooterSiteAsync(_host, o => o.BadgeId = parent.Id, "rmt.wanzai.gov.cn", "www.wanzai.gov.cn");
        var port = new Uri(site.Urls.First()).Port;
        await EventuallyAsync(() => LoopbackClient(port).GetStringAsync("http://www.wanzai.gov.cn/", Ct), b => b.Contains(parent.Id, StringComparison.Ordinal));
        var verifier = new SiteBadgeVerifier(LoopbackClient(port), _host.Client(), new SiteBadgeVerifierOptions { Authority = _host.Address });

        var copied = await verifier.VerifyAsync(new Uri("http://rmt.wanzai.gov.cn/"), cancellationToken: Ct);
        var genuine = await verifier.VerifyAsync(new Uri("http://www.wanzai.gov.cn/"), cancellationToken: Ct);

        Assert.Contains(copied.Findings, f => f.Code == SiteFindingCodes.DomainMismatch);
        Assert.True(genuine.Outcome == SiteVerificationOutcome.Pass, string.Join("; ", genuine.Findings.Select(f => f.Message)));
    }

    [Fact]
    public async Task FooterClusterMode_TakesTheMostSpecificConfiguredDomain()
    {
        var parent = await _host.Client(KeyA).IssueBadgeAsync(Website("wanzai.gov.cn"), Ct);
        var sub = await _host.Client(KeyB).IssueBadgeAsync(Website("rmt.wanzai.gov.cn", InstitutionB), Ct);
        await using var site = await FooterSiteAsync(_host, o =>
        {
            o.Hosts["wanzai.gov.cn"] = parent.Id;
            o.Hosts["rmt.wanzai.gov.cn"] = sub.Id;
        });
        var port = new Uri(site.Urls.First()).Port;

        var subPage = await EventuallyAsync(() => LoopbackClient(port).GetStringAsync("http://www.rmt.wanzai.gov.cn/", Ct), b => b.Contains("data-online-badge", StringComparison.Ordinal));
        var parentPage = await EventuallyAsync(() => LoopbackClient(port).GetStringAsync("http://news.wanzai.gov.cn/", Ct), b => b.Contains("data-online-badge", StringComparison.Ordinal));

        Assert.Contains(sub.Id, subPage, StringComparison.Ordinal);
        Assert.DoesNotContain(parent.Id, subPage, StringComparison.Ordinal);
        Assert.Contains(parent.Id, parentPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnregisteredDomain_IsPending_AndShowsNothing_UntilValidated()
    {
        var domain = UnregisteredDomain();
        var issued = await _host.Client(KeyA).IssueBadgeAsync(Website(domain), Ct);
        using var http = new HttpClient();

        var certificate = await Assert.ThrowsAsync<BadgeAuthorityException>(() => _host.Client().GetCertificateAsync(issued.Id, Ct).AsTask());
        var page = await http.GetAsync(issued.CertificateUrl, Ct);
        var image = await http.GetAsync(issued.ImageUrl, Ct);
        var script = await http.GetAsync(issued.ScriptUrl, Ct);
        var notServed = await Assert.ThrowsAsync<BadgeAuthorityException>(() => _host.Client(KeyA).ValidateDomainAsync(issued.Id, Ct));

        Assert.Equal(BadgeStatus.Pending, issued.Badge.Status);
        Assert.NotNull(issued.Badge.DomainValidation);
        Assert.Matches("^[A-Za-z0-9_-]{22}$", issued.Badge.DomainValidation!.Token);
        Assert.Equal($"/.well-known/online-badge/{issued.Badge.DomainValidation.Token}", issued.Badge.DomainValidation.Url.AbsolutePath);
        Assert.Equal(AuthorityErrorCodes.BadgePending, certificate.Code);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, image.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, script.StatusCode);
        Assert.Equal((422, AuthorityErrorCodes.DomainValidationFailed), (notServed.Status!.Value, notServed.Code));
        Assert.Contains("could not be reached", notServed.Message, StringComparison.Ordinal);
        Assert.Null(await _host.Client().FindBadgeForHostAsync(domain, Ct));
    }

    [Fact]
    public async Task SiteRunningTheFooter_ValidatesWithNoStep_ThenShowsTheBadge()
    {
        var domain = UnregisteredDomain("mw");
        var issued = await _host.Client(KeyA).IssueBadgeAsync(Website(domain), Ct);
        await using var site = await FooterSiteAsync(_host, o => o.BadgeId = issued.Id, domain);
        var port = new Uri(site.Urls.First()).Port;
        var before = await LoopbackClient(port).GetStringAsync($"http://{domain}/", Ct);

        // The background check (every 200 ms in tests) fetches the token the middleware serves.
        var badge = await EventuallyAsync(() => _host.Client().GetBadgeAsync(issued.Id, Ct), b => b.Status == BadgeStatus.Active);
        var after = await EventuallyAsync(() => LoopbackClient(port).GetStringAsync($"http://{domain}/", Ct), b => b.Contains(issued.Id, StringComparison.Ordinal));

        Assert.DoesNotContain("data-online-badge", before, StringComparison.Ordinal);
        Assert.Equal(BadgeStatus.Active, badge.Status);
        Assert.Null(badge.DomainValidation);
        Assert.Contains($"data-online-badge=\"{issued.Id}\"", after, StringComparison.Ordinal);
        Assert.Equal(issued.Id, (await _host.Client().FindBadgeForHostAsync("www." + domain, Ct))!.Id);
    }

    [Fact]
    public async Task ValidateNow_WithTheMiddleware_MakesTheBadgeActive_AndTheTokenIsServedOnlyOnItsDomain()
    {
        await using var host = await EmulatorHost.StartAsync(options: o => o.DomainValidationInterval = TimeSpan.Zero);
        var domain = UnregisteredDomain("now");
        var issued = await host.Client(KeyA).IssueBadgeAsync(Website(domain), Ct);
        await using var site = await FooterSiteAsync(host, o => o.BadgeId = issued.Id, domain);
        var port = new Uri(site.Urls.First()).Port;
        var token = issued.Badge.DomainValidation!.Token;

        var elsewhere = await LoopbackClient(port).GetAsync($"http://other.test/.well-known/online-badge/{token}", Ct);
        var wrongToken = await LoopbackClient(port).GetAsync($"http://{domain}/.well-known/online-badge/{new string('A', 22)}", Ct);
        var active = await host.Client(KeyA).ValidateDomainAsync(issued.Id, Ct);
        var again = await host.Client(KeyA).ValidateDomainAsync(issued.Id, Ct);

        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongToken.StatusCode);
        Assert.Equal(BadgeStatus.Active, active.Status);
        Assert.Equal(active.Version, again.Version);
    }

    [Fact]
    public async Task AnotherInstitution_CannotValidateOrSquatAVictimsDomain()
    {
        await using var host = await EmulatorHost.StartAsync(options: o => o.DomainValidationInterval = TimeSpan.Zero);
        var domain = UnregisteredDomain("victim");
        var squat = await host.Client(KeyB).IssueBadgeAsync(Website(domain, InstitutionB), Ct);
        var victims = await host.Client(KeyA).IssueBadgeAsync(Website(domain), Ct);
        await using var site = await FooterSiteAsync(host, o => o.BadgeId = victims.Id, domain);

        var attackerValidates = await Assert.ThrowsAsync<BadgeAuthorityException>(() => host.Client(KeyB).ValidateDomainAsync(squat.Id, Ct));
        var attackerValidatesVictims = await Assert.ThrowsAsync<BadgeAuthorityException>(() => host.Client(KeyB).ValidateDomainAsync(victims.Id, Ct));
        var victim = await host.Client(KeyA).ValidateDomainAsync(victims.Id, Ct);
        var afterwards = await Assert.ThrowsAsync<BadgeAuthorityException>(() => host.Client(KeyB).ValidateDomainAsync(squat.Id, Ct));

        Assert.Equal(AuthorityErrorCodes.DomainValidationFailed, attackerValidates.Code);
        Assert.Contains("404", attackerValidates.Message, StringComparison.Ordinal);
        Assert.Equal((403, AuthorityErrorCodes.NotYourBadge), (attackerValidatesVictims.Status!.Value, attackerValidatesVictims.Code));
        Assert.Equal(BadgeStatus.Active, victim.Status);
        Assert.Equal(AuthorityErrorCodes.DomainValidationFailed, afterwards.Code);
        Assert.Equal(BadgeStatus.Pending, (await host.Client().GetBadgeAsync(squat.Id, Ct)).Status);
    }

    public static TheoryData<string, string> MisbehavingSites => new()
    {
        { "wrong-content", "something other than the token" },
        { "huge", "longer than" },
        { "slow", "did not answer within" },
        { "redirect-away", "outside" },
        { "redirect-loop", "more than" },
        { "server-error", "answered 500" },
    };

    [Theory]
    [MemberData(nameof(MisbehavingSites))]
    public async Task MisbehavingSite_DoesNotValidate_AndSaysWhy(string behaviour, string reason)
    {
        await using var host = await EmulatorHost.StartAsync(options: o =>
        {
            o.DomainValidationInterval = TimeSpan.Zero;
            o.DomainValidationTimeout = TimeSpan.FromSeconds(1);
        });
        var domain = UnregisteredDomain(behaviour);
        var issued = await host.Client(KeyA).IssueBadgeAsync(Website(domain), Ct);
        var token = issued.Badge.DomainValidation!.Token;
        await using var site = await RawSiteAsync(host, async context =>
        {
            switch (behaviour)
            {
                case "wrong-content":
                    await context.Response.WriteAsync(token + "-not", context.RequestAborted);
                    break;
                case "huge":
                    context.Response.ContentType = "text/plain";
                    for (var i = 0; i < 64 && !context.RequestAborted.IsCancellationRequested; i++)
                    {
                        await context.Response.WriteAsync(token + new string(' ', 1024), context.RequestAborted);
                    }

                    break;
                case "slow":
                    await context.Response.WriteAsync(token[..4], context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                    await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
                    break;
                case "redirect-away":
                    context.Response.Redirect($"http://attacker.test{context.Request.Path}");
                    break;
                case "redirect-loop":
                    context.Response.Redirect($"http://www.{domain}{context.Request.Path}");
                    break;
                default:
                    context.Response.StatusCode = 500;
                    break;
            }
        }, domain, "www." + domain, "attacker.test");

        var ex = await Assert.ThrowsAsync<BadgeAuthorityException>(() => host.Client(KeyA).ValidateDomainAsync(issued.Id, Ct));
        var badge = await host.Client().GetBadgeAsync(issued.Id, Ct);

        Assert.Equal((422, AuthorityErrorCodes.DomainValidationFailed), (ex.Status!.Value, ex.Code));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.Equal(BadgeStatus.Pending, badge.Status);
        Assert.Contains(reason, badge.DomainValidation!.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedirectWithinTheDomain_IsFollowed()
    {
        await using var host = await EmulatorHost.StartAsync(options: o => o.DomainValidationInterval = TimeSpan.Zero);
        var domain = UnregisteredDomain("redirect");
        var issued = await host.Client(KeyA).IssueBadgeAsync(Website(domain), Ct);
        var token = issued.Badge.DomainValidation!.Token;
        await using var site = await RawSiteAsync(host, context =>
        {
            if (context.Request.Host.Host.StartsWith("www.", StringComparison.Ordinal))
            {
                return context.Response.WriteAsync(token, context.RequestAborted);
            }

            context.Response.Redirect($"http://www.{domain}{context.Request.Path}");
            return Task.CompletedTask;
        }, domain, "www." + domain);

        var badge = await host.Client(KeyA).ValidateDomainAsync(issued.Id, Ct);

        Assert.Equal(BadgeStatus.Active, badge.Status);
    }

    [Fact]
    public async Task PendingBadge_CanBeRevoked_AndDoesNotBlockTheRightfulOwner()
    {
        var domain = UniqueDomain("own");
        var squat = await _host.Client(KeyB).IssueBadgeAsync(Website("x-" + UnregisteredDomain(), InstitutionB), Ct);
        var revoked = await _host.Client(KeyB).RevokeBadgeAsync(squat.Id, "申请有误", Ct);
        var owner = await _host.Client(KeyA).IssueBadgeAsync(Website(domain), Ct);

        Assert.Equal(BadgeStatus.Revoked, revoked.Status);
        Assert.Equal(BadgeStatus.Active, owner.Badge.Status);
    }
}
