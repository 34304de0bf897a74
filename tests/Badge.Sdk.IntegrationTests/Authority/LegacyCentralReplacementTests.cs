using System.Net;
using System.Security.Cryptography;
using Badge.Sdk.Issuance;
using static Badge.Sdk.TestData.EmulatorHost;

namespace Badge.Sdk.IntegrationTests.Authority;

/// <summary>
/// The manual's central replacement over HTTP: once the authority (with its own key) supersedes a legacy badge, the
/// emulator's stand-ins for the old script host, image and certificate address all show the successor.
/// </summary>
public sealed class LegacyCentralReplacementTests : IAsyncLifetime
{
    private EmulatorHost _authority = null!;
    private HttpClient _http = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _authority = await EmulatorHost.StartAsync();
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = _authority.Address };
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _authority.DisposeAsync();
    }

    private async Task<(string LegacyId, string Domain)> ImportAsync()
    {
        var legacyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var domain = UniqueDomain("legacy");
        await _authority.Client(AuthorityKey).ImportLegacyBadgeAsync(new ImportLegacyBadgeRequest
        {
            LegacyId = legacyId.ToUpperInvariant(),
            Uscc = InstitutionA.ToString(),
            OrganizerName = "万载县人民政府办公室",
            OnlineName = "万载县人民政府",
            Domain = domain,
        }, Ct);
        return (legacyId, domain);
    }

    private async Task<string> SupersedeAsync(string legacyId, string domain)
    {
        var authority = _authority.Client(AuthorityKey);
        var successor = await authority.IssueBadgeAsync(Website(domain, InstitutionA), Ct);
        await authority.SupersedeBadgeAsync(legacyId, successor.Id, Ct);
        return successor.Id;
    }

    [Fact]
    public async Task LegacyLoader_BeforeSupersession_DrawsTheLegacyBadge()
    {
        var (legacyId, _) = await ImportAsync();

        var script = await _http.GetStringAsync($"legacy/js/{legacyId}.js", Ct);

        Assert.Contains("legacy/sitename?method=show", script, StringComparison.Ordinal);
        Assert.Contains($"id={legacyId}\"", script, StringComparison.Ordinal);
        Assert.Contains($"legacy/image/{legacyId}.svg", script, StringComparison.Ordinal);
        Assert.Contains("_ideConac", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LegacyLoaderImageAndBadgeScript_AfterSupersession_DrawTheSuccessor()
    {
        var (legacyId, domain) = await ImportAsync();
        var successor = await SupersedeAsync(legacyId, domain);

        var loader = await _http.GetStringAsync($"legacy/js/{legacyId}.js", Ct);
        var image = await _http.GetStringAsync($"legacy/image/{legacyId}.svg", Ct);
        var badgeScript = await _http.GetStringAsync($"badges/{legacyId}.js", Ct);
        var badgeImage = await _http.GetStringAsync($"badges/{legacyId}.svg", Ct);

        Assert.Contains($"certificates/{successor}", loader, StringComparison.Ordinal);
        Assert.Contains($"badges/{successor}.svg", loader, StringComparison.Ordinal);
        Assert.DoesNotContain("legacy/sitename", loader, StringComparison.Ordinal);
        Assert.Contains($"certificates/{successor}", badgeScript, StringComparison.Ordinal);
        Assert.Contains(legacyId, badgeScript, StringComparison.Ordinal); // still finds the tag the site pasted
        foreach (var svg in new[] { image, badgeImage })
        {
            Assert.Contains(">网上标识<", svg, StringComparison.Ordinal);
            Assert.DoesNotContain("已替换", svg, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task LegacyCertificateAddresses_AfterSupersession_RedirectToTheSuccessor()
    {
        var (legacyId, domain) = await ImportAsync();
        using var before = await _http.GetAsync($"legacy/sitename?method=show&id={legacyId}", Ct);
        var successor = await SupersedeAsync(legacyId, domain);

        using var legacyAddress = await _http.GetAsync($"legacy/sitename?method=show&id={legacyId.ToUpperInvariant()}", Ct);
        using var certificatePage = await _http.GetAsync($"certificates/{legacyId}", Ct);

        Assert.Equal(HttpStatusCode.Redirect, before.StatusCode);
        Assert.Equal($"/certificates/{legacyId}", before.Headers.Location!.OriginalString);
        Assert.Equal($"/certificates/{successor}", legacyAddress.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, certificatePage.StatusCode);
        Assert.Equal($"/certificates/{successor}", certificatePage.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SupersededNewBadge_KeepsItsOwnPageAndImage()
    {
        // Central replacement is for legacy badges; a superseded new badge still says it was replaced.
        var first = await _authority.Client(KeyA).IssueBadgeAsync(Website(UniqueDomain("first")), Ct);
        var second = await _authority.Client(KeyA).IssueBadgeAsync(Website(UniqueDomain("second")), Ct);
        await _authority.Client(AuthorityKey).SupersedeBadgeAsync(first.Id, second.Id, Ct);

        using var page = await _http.GetAsync($"certificates/{first.Id}", Ct);
        var image = await _http.GetStringAsync($"badges/{first.Id}.svg", Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("此网上标识已被新标识替换", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("已替换", image, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LegacyHost_UnknownOrNewBadge_IsNotFound()
    {
        var issued = await _authority.Client(KeyA).IssueBadgeAsync(Website(UniqueDomain("plain")), Ct);

        using var unknown = await _http.GetAsync($"legacy/js/{new string('a', 32)}.js", Ct);
        using var notLegacy = await _http.GetAsync($"legacy/js/{issued.Id}.js", Ct);
        using var badMethod = await _http.GetAsync($"legacy/sitename?method=edit&id={issued.Id}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notLegacy.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, badMethod.StatusCode);
    }
}
