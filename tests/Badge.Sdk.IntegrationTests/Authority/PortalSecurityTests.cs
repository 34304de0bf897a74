using System.Net;
using System.Text.RegularExpressions;
using Badge.Authority.Storage;
using Microsoft.Extensions.DependencyInjection;
using static Badge.Sdk.TestData.EmulatorHost;

namespace Badge.Sdk.IntegrationTests.Authority;

/// <summary>
/// The institution portal (试用系统) attacked over HTTP: no session, no or a foreign antiforgery token, another
/// institution's ids, markup in the values, wrong sign-in keys, and invalid input that must leave nothing written.
/// </summary>
public sealed partial class PortalSecurityTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private EmulatorHost Host => fixture.Host;

    private IAuthorityStore Store => Host.App.Services.GetRequiredService<IAuthorityStore>();

    [Theory]
    [InlineData("GET", "/portal/badges")]
    [InlineData("GET", "/portal/badges/new")]
    [InlineData("GET", "/portal/badges/bdg-00000000000000000000")]
    [InlineData("GET", "/portal/census")]
    [InlineData("GET", "/portal/census/cen-00000000000000000000")]
    [InlineData("GET", "/portal/grants")]
    [InlineData("POST", "/portal/badges/new")]
    [InlineData("POST", "/portal/census")]
    [InlineData("POST", "/portal/badges/bdg-00000000000000000000/validate")]
    [InlineData("POST", "/portal/logout")]
    public async Task WithoutASession_EveryPageAndAction_RedirectsToSignIn(string method, string path)
    {
        using var anonymous = new PortalClient(Host.Address);
        await anonymous.GetAsync("/portal/login"); // a valid anonymous token, so only the missing session is wrong
        var before = Store.ListCensus(InstitutionA.ToString()).Count;

        using var response = method == "GET"
            ? (await anonymous.GetAsync(path)).Response
            : await anonymous.PostAsync(path, new() { ["onlineName"] = "万载县人民政府网", ["domain"] = UniqueDomain("anon"), ["name"] = "万载发布", ["kind"] = "website" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/portal/login", response.Headers.Location!.OriginalString.Replace(Host.Address.ToString(), "/", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(before, Store.ListCensus(InstitutionA.ToString()).Count);
    }

    [Fact]
    public async Task APostWithoutAToken_OrWithAnotherSessionsToken_IsRefused_AndWritesNothing()
    {
        using var a = await PortalClient.SignedInAsync(Host.Address, InstitutionA.ToString(), KeyA);
        using var b = await PortalClient.SignedInAsync(Host.Address, InstitutionB.ToString(), KeyB);
        await b.GetAsync("/portal/badges/new");
        var foreignToken = b.Token!;
        await a.GetAsync("/portal/badges/new");
        var domain = UniqueDomain("csrf");
        var fields = new Dictionary<string, string> { ["onlineName"] = "万载县人民政府网", ["domain"] = domain };
        var before = Store.ListBadges(InstitutionA.ToString(), 1, 100).Total;

        using var none = await a.PostAsync("/portal/badges/new", fields, token: string.Empty);
        using var foreign = await a.PostAsync("/portal/badges/new", fields, token: foreignToken);
        using var forged = await a.PostAsync("/portal/badges/new", fields, token: "CfDJ8" + new string('A', 120));
        using var census = await a.PostAsync("/portal/census", new() { ["kind"] = "website", ["name"] = "万载发布", ["domain"] = domain }, token: foreignToken);

        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, census.StatusCode);
        Assert.Contains("未作任何修改", await PortalClient.HtmlAsync(foreign), StringComparison.Ordinal);
        Assert.Equal(before, Store.ListBadges(InstitutionA.ToString(), 1, 100).Total);
        Assert.DoesNotContain(Store.ListCensus(InstitutionA.ToString()), r => r.Domain == domain);

        // The same form with the session's own token goes through: the refusals above were the tokens.
        using var own = await a.PostAsync("/portal/badges/new", fields);
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        Assert.Equal(before + 1, Store.ListBadges(InstitutionA.ToString(), 1, 100).Total);
    }

    [Fact]
    public async Task InstitutionB_AskingForAsBadgeCensusAndGrantsById_SeesNothing_AndChangesNothing()
    {
        using var a = await PortalClient.SignedInAsync(Host.Address, InstitutionA.ToString(), KeyA);
        var badgeId = await ClaimAsync(a, "万载县人民政府网（A）", UnregisteredDomain("idor"));
        await a.GetAsync("/portal/census");
        using (var filed = await a.PostAsync("/portal/census", new() { ["kind"] = "account", ["name"] = "A的快手号", ["platform"] = "kuaishou", ["accountId"] = "ks-a-" + Guid.NewGuid().ToString("N")[..8], ["verified"] = "true" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        }

        var census = Store.ListCensus(InstitutionA.ToString())[^1];
        var grant = await Host.GrantAsync(KeyA, InstitutionA, "weibo", "wb-a-" + Guid.NewGuid().ToString("N")[..8], "op-a");

        using var b = await PortalClient.SignedInAsync(Host.Address, InstitutionB.ToString(), KeyB);
        var (badgePage, badgeHtml) = await b.GetAsync($"/portal/badges/{badgeId}");
        var (upperPage, _) = await b.GetAsync($"/portal/badges/{badgeId.ToUpperInvariant()}");
        var (censusPage, censusHtml) = await b.GetAsync($"/portal/census/{census.Id}");
        using var validate = await b.PostAsync($"/portal/badges/{badgeId}/validate", []);
        using var edit = await b.PostAsync($"/portal/census/{census.Id}", new() { ["kind"] = "website", ["name"] = "B改的", ["domain"] = UniqueDomain("b", InstitutionB) });
        var (_, listHtml) = await b.GetAsync("/portal/badges");
        var (_, censusListHtml) = await b.GetAsync("/portal/census");
        var (_, grantsHtml) = await b.GetAsync("/portal/grants");

        Assert.Equal(HttpStatusCode.NotFound, badgePage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, upperPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, censusPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, validate.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        Assert.DoesNotContain("（A）", badgeHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("A的快手号", censusHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(badgeId, listHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(census.Id, censusListHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(grant.Id, grantsHtml, StringComparison.Ordinal);
        Assert.Equal("A的快手号", Store.GetCensus(census.Id)!.Name);

        // A sees all three.
        var (_, ownGrants) = await a.GetAsync("/portal/grants");
        var (ownBadge, _) = await a.GetAsync($"/portal/badges/{badgeId}");
        Assert.Contains(grant.Id, ownGrants, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ownBadge.StatusCode);
    }

    [Fact]
    public async Task MarkupInAnOnlineName_AndInARegisteredName_ComesBackEncoded()
    {
        const string Script = "<script>alert(1)</script>网";
        using var a = await PortalClient.SignedInAsync(Host.Address, InstitutionA.ToString(), KeyA);
        await a.GetAsync("/portal/badges/new");

        using var refused = await a.PostAsync("/portal/badges/new", new() { ["onlineName"] = Script, ["domain"] = "gov.cn" });
        var refusedHtml = await PortalClient.HtmlAsync(refused);
        var id = await ClaimAsync(a, Script, UniqueDomain("xss"));
        var (_, detail) = await a.GetAsync($"/portal/badges/{id}");
        var (_, list) = await a.GetAsync("/portal/badges");
        using var markup = await PortalClient.SignedInAsync(Host.Address, InstitutionMarkupOrgan.ToString(), KeyMarkupOrgan);
        var (_, markupHtml) = await markup.GetAsync("/portal/badges/new");

        foreach (var html in new[] { refusedHtml, detail, list })
        {
            Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(MarkupName, markupHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert('x')", markupHtml, StringComparison.Ordinal);
        Assert.Equal(MarkupName, PortalClient.Text(markupHtml, "organizer"));
    }

    [Theory]
    [InlineData("/portal/login")]
    [InlineData("/portal/badges")]
    [InlineData("/portal/badges/new")]
    [InlineData("/portal/census")]
    [InlineData("/portal/grants")]
    public async Task EveryPage_SendsACspWithoutUnsafeInline_AndCarriesNoInlineScriptOrStyle(string path)
    {
        using var a = await PortalClient.SignedInAsync(Host.Address, InstitutionA.ToString(), KeyA);
        var (response, html) = await a.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotMatch(InlineHandlerOrStyle(), html);
        Assert.Contains("<script src=\"/portal/assets/portal.js\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"free-of-charge\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadSignIn_IsRefusedTheSameWayWhicheverPartWasWrong_AndGivesNoSession()
    {
        var attempts = new (string Uscc, string Key)[]
        {
            (InstitutionA.ToString(), "demo-institution-x"),  // right code, wrong key
            (InstitutionB.ToString(), KeyA),                  // a real key, another institution's code
            ("11360922MB0001231X", KeyA),                     // a code with a bad check character
            (InstitutionA.ToString(), string.Empty),          // no key
            (InstitutionA.ToString(), AuthorityKey),          // the authority's key is no institution's sign-in
            (InstitutionA.ToString(), WeiboKey),              // nor a platform's
        };
        var messages = new List<string?>();
        foreach (var (uscc, key) in attempts)
        {
            using var client = new PortalClient(Host.Address);
            using var response = await client.SignInAsync(uscc, key);
            var html = await PortalClient.HtmlAsync(response);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.DoesNotContain(client.Cookies.GetCookies(new Uri(Host.Address, "/portal/")), c => c.Name == "badge-portal");
            Assert.DoesNotContain(key.Length > 0 ? key : "\u0001", html, StringComparison.Ordinal);
            var (after, _) = await client.GetAsync("/portal/badges");
            Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
            messages.Add(PortalClient.Text(html, "sign-in-error"));
        }

        Assert.All(messages, m => Assert.Equal("登录失败：统一社会信用代码或登录密钥不正确。", m));
    }

    [Fact]
    public async Task InvalidInput_IsShownNextToItsField_AndNothingIsWritten()
    {
        using var a = await PortalClient.SignedInAsync(Host.Address, InstitutionA.ToString(), KeyA);
        await a.GetAsync("/portal/badges/new");
        var badges = Store.ListBadges(InstitutionA.ToString(), 1, 100).Total;
        var census = Store.ListCensus(InstitutionA.ToString()).Count;

        using var suffix = await a.PostAsync("/portal/badges/new", new() { ["onlineName"] = "万载县人民政府网", ["domain"] = "gov.cn" });
        using var othersDomain = await a.PostAsync("/portal/badges/new", new() { ["onlineName"] = "万载县人民政府网", ["domain"] = UniqueDomain("b", InstitutionB) });
        using var emptyName = await a.PostAsync("/portal/badges/new", new() { ["onlineName"] = "  ", ["domain"] = UniqueDomain("ok") });
        using var noPlatform = await a.PostAsync("/portal/census", new() { ["kind"] = "account", ["name"] = "万载发布", ["accountId"] = "ks-1", ["platform"] = string.Empty });
        using var badDomain = await a.PostAsync("/portal/census", new() { ["kind"] = "website", ["name"] = "万载县人民政府网", ["domain"] = "not a domain" });

        var suffixHtml = await PortalClient.HtmlAsync(suffix);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, suffix.StatusCode);
        Assert.Contains("公共后缀", PortalClient.Text(suffixHtml, "domain-error"), StringComparison.Ordinal);
        Assert.Null(PortalClient.Text(suffixHtml, "onlineName-error"));
        Assert.Contains("value=\"gov.cn\"", suffixHtml, StringComparison.Ordinal); // the form comes back filled in
        Assert.Equal(HttpStatusCode.Forbidden, othersDomain.StatusCode);
        Assert.Contains("其他单位", PortalClient.Text(await PortalClient.HtmlAsync(othersDomain), "domain-error"), StringComparison.Ordinal);
        Assert.Equal("请填写网上名称", PortalClient.Text(await PortalClient.HtmlAsync(emptyName), "onlineName-error"));
        Assert.Equal("请选择平台", PortalClient.Text(await PortalClient.HtmlAsync(noPlatform), "platform-error"));
        Assert.NotNull(PortalClient.Text(await PortalClient.HtmlAsync(badDomain), "domain-error"));
        Assert.Equal(badges, Store.ListBadges(InstitutionA.ToString(), 1, 100).Total);
        Assert.Equal(census, Store.ListCensus(InstitutionA.ToString()).Count);

        // An edit that fails leaves the entry as it was.
        using (var filed = await a.PostAsync("/portal/census", new() { ["kind"] = "website", ["name"] = "万载县人民政府网", ["domain"] = "www.wanzai.gov.cn" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        }

        var entry = Store.ListCensus(InstitutionA.ToString())[^1];
        await a.GetAsync($"/portal/census/{entry.Id}");
        using var badEdit = await a.PostAsync($"/portal/census/{entry.Id}", new() { ["kind"] = "website", ["name"] = "改名", ["domain"] = "gov..cn" });
        using var goodEdit = await a.PostAsync($"/portal/census/{entry.Id}", new() { ["kind"] = "website", ["name"] = "万载县政府门户", ["domain"] = "www.wanzai.gov.cn" });

        Assert.Equal(HttpStatusCode.BadRequest, badEdit.StatusCode);
        Assert.NotNull(PortalClient.Text(await PortalClient.HtmlAsync(badEdit), "domain-error"));
        Assert.Equal(HttpStatusCode.Redirect, goodEdit.StatusCode);
        Assert.Equal("万载县政府门户", Store.GetCensus(entry.Id)!.Name);
        Assert.Contains(Store.ListAudit(InstitutionA.ToString()), e => e.Action == "census.updated" && e.Target == entry.Id);
    }

    [Theory]
    [InlineData("//evil.example/portal/x")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    [InlineData("/api/v1/badges")]
    public async Task SignIn_NeverRedirectsOffThePortal_AndSignOutEndsTheSession(string returnUrl)
    {
        using var client = new PortalClient(Host.Address);
        await client.GetAsync("/portal/login");
        using var signedIn = await client.PostAsync("/portal/login", new() { ["uscc"] = InstitutionA.ToString(), ["key"] = KeyA, ["returnUrl"] = returnUrl });
        var (badges, _) = await client.GetAsync("/portal/badges");
        using var signedOut = await client.PostAsync("/portal/logout", []);
        var (after, _) = await client.GetAsync("/portal/badges");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/portal/badges", signedIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, badges.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    private static async Task<string> ClaimAsync(PortalClient client, string onlineName, string domain)
    {
        await client.GetAsync("/portal/badges/new");
        using var response = await client.PostAsync("/portal/badges/new", new() { ["onlineName"] = onlineName, ["domain"] = domain });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        return location["/portal/badges/".Length..location.IndexOf('?', StringComparison.Ordinal)];
    }

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("<[a-z][^>]*\\s(on[a-z]+|style)\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandlerOrStyle();
}
