using System.Xml.Linq;
using AngleSharp.Html.Parser;
using Badge.Sdk.Certificates;
using Badge.Sdk.Issuance;
using static Badge.Sdk.TestData.EmulatorHost;

namespace Badge.Sdk.IntegrationTests.Certificates;

public sealed class CertificatePageTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorHost _host = fixture.Host;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<AngleSharp.Html.Dom.IHtmlDocument> PageAsync(string badgeId, string? referer = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_host.Address, $"certificates/{badgeId}"));
        if (referer is not null)
        {
            request.Headers.Referrer = new Uri(referer);
        }

        using var response = await http.SendAsync(request, Ct);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Page_ShowsOrganizerAndFacts()
    {
        var domain = UniqueDomain("page");
        var issued = await _host.Client(KeyA).IssueBadgeAsync(Website(domain), Ct);

        var page = await PageAsync(issued.Id);

        Assert.Equal("标识证书基本信息", page.Title);
        Assert.Equal("万载县人民政府办公室", page.GetElementById("organizer-name")!.TextContent);
        Assert.Equal("机关", page.GetElementById("institution-kind")!.TextContent);
        Assert.Equal("万载县人民政府网", page.GetElementById("online-name")!.TextContent);
        Assert.StartsWith(domain, page.GetElementById("domain")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(issued.Id, page.GetElementById("badge-number")!.TextContent);
        Assert.Equal("有效", page.GetElementById("status")!.TextContent);
        Assert.NotEmpty(page.GetElementById("issuing-office")!.TextContent);
        Assert.Null(page.GetElementById("foreign-site-warning"));
    }

    [Fact]
    public async Task Page_ScriptInName_ComesOutAsText()
    {
        var issued = await _host.Client(KeyMarkupOrgan).IssueBadgeAsync(Website(UniqueDomain("xss", InstitutionMarkupOrgan), InstitutionMarkupOrgan), Ct);

        var page = await PageAsync(issued.Id);

        Assert.Equal(MarkupName, page.GetElementById("organizer-name")!.TextContent);
        Assert.Empty(page.Scripts);
    }

    [Fact]
    public async Task Page_FromASiteTheBadgeDoesNotCover_Warns()
    {
        var domain = UniqueDomain("ref");
        var issued = await _host.Client(KeyA).IssueBadgeAsync(Website(domain), Ct);

        var copied = await PageAsync(issued.Id, "http://copycat.test/index.html");
        var own = await PageAsync(issued.Id, $"http://www.{domain}/index.html");
        var none = await PageAsync(issued.Id);

        var warning = copied.GetElementById("foreign-site-warning");
        Assert.NotNull(warning);
        Assert.Contains("copycat.test", warning.TextContent, StringComparison.Ordinal);
        Assert.Null(own.GetElementById("foreign-site-warning"));
        Assert.Null(none.GetElementById("foreign-site-warning"));
    }

    [Fact]
    public async Task Page_RevokedAndSuperseded_SayPlainly()
    {
        var a = _host.Client(KeyA);
        var revoked = await a.IssueBadgeAsync(Website(UniqueDomain("rv")), Ct);
        await a.RevokeBadgeAsync(revoked.Id, "单位已撤并", Ct);
        // A new badge superseded by another keeps its page and says so (a legacy one redirects: the central replacement).
        var old = await a.IssueBadgeAsync(Website(UniqueDomain("sp")), Ct);
        var successor = await a.IssueBadgeAsync(Website(UniqueDomain("sp")), Ct);
        await _host.Client(AuthorityKey).SupersedeBadgeAsync(old.Id, successor.Id, Ct);

        var revokedPage = await PageAsync(revoked.Id);
        var supersededPage = await PageAsync(old.Id);

        Assert.Contains("已撤销", revokedPage.GetElementById("status-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("单位已撤并", revokedPage.GetElementById("status-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("已撤销", revokedPage.GetElementById("status")!.TextContent);
        Assert.Contains("已被新标识替换", supersededPage.GetElementById("status-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/certificates/{successor.Id}", supersededPage.GetElementById("successor-link")!.GetAttribute("href"));
    }

    [Fact]
    public async Task SignedDocument_VerifiesWithPublishedCertificate_AndTamperingFails()
    {
        var issued = await _host.Client(KeyA).IssueBadgeAsync(Website(UniqueDomain("jws")), Ct);
        var client = _host.Client();

        var signed = await client.GetSignedCertificateAsync(issued.Id, Ct);
        var metadata = await client.GetAuthorityMetadataAsync(Ct);
        using var authority = metadata.LoadSigningCertificate();
        var parts = signed.Jws.Split('.');
        var payload = System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]));
        var forged = payload.Replace(issued.Id, "bdg-00000000000000000000", StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(forged))}.{parts[2]}";
        var noneAlg = $"{System.Buffers.Text.Base64Url.EncodeToString("{\"alg\":\"none\",\"typ\":\"badge-certificate+jws\"}"u8)}.{parts[1]}.";
        using var otherKey = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var selfSigned = Badge.Authority.Security.AuthoritySigner.Sign(signed.Certificate, otherKey, "evil");

        Assert.Equal("万载县人民政府办公室", signed.Certificate.OrganizerName.Value);
        var verified = BadgeCertificateSignature.Verify(signed.Jws, authority, metadata.KeyId);
        Assert.True(verified.IsValid, verified.Message);
        Assert.Equal(issued.Id, verified.Certificate.BadgeId);
        Assert.NotEqual(payload, forged);
        Assert.Equal(BadgeCertificateSignatureCodes.BadSignature, BadgeCertificateSignature.Verify(tampered, authority, metadata.KeyId).Reason);
        Assert.Equal(BadgeCertificateSignatureCodes.AlgorithmNotAllowed, BadgeCertificateSignature.Verify(noneAlg, authority, metadata.KeyId).Reason);
        Assert.Equal(BadgeCertificateSignatureCodes.WrongKey, BadgeCertificateSignature.Verify(selfSigned, authority, metadata.KeyId).Reason);
        Assert.Equal(BadgeCertificateSignatureCodes.BadSignature, BadgeCertificateSignature.Verify(selfSigned, authority).Reason);
    }

    [Theory]
    [InlineData(true, "#c8102e")]
    [InlineData(false, "#0b5cab")]
    public async Task Svg_IsWellFormed_ColouredByKind_AndEncodesText(bool governmentOrgan, string colour)
    {
        var (key, uscc) = governmentOrgan ? (KeyMarkupOrgan, InstitutionMarkupOrgan) : (KeyMarkupPublic, InstitutionMarkupPublic);
        var issued = await _host.Client(key).IssueBadgeAsync(Website(UniqueDomain("svg", uscc), uscc), Ct);
        using var http = new HttpClient();

        var svg = await http.GetStringAsync(issued.ImageUrl, Ct);
        var document = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";

        Assert.Equal(ns + "svg", document.Root!.Name);
        Assert.Equal(colour, document.Root.Element(ns + "path")!.Attribute("fill")!.Value);
        Assert.Contains(MarkupName, document.Root.Element(ns + "title")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_HasNoDocumentWrite_AndEncodesValues()
    {
        var issued = await _host.Client(KeyMarkupOrgan).IssueBadgeAsync(Website(UniqueDomain("js", InstitutionMarkupOrgan), InstitutionMarkupOrgan), Ct);
        using var http = new HttpClient();

        var script = await http.GetStringAsync(issued.ScriptUrl, Ct);

        Assert.DoesNotContain("document.write", script, StringComparison.Ordinal);
        Assert.DoesNotContain("</script>", script, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(issued.Id, script, StringComparison.Ordinal);
        Assert.Contains("data-badge-id", script, StringComparison.Ordinal);
    }
}
