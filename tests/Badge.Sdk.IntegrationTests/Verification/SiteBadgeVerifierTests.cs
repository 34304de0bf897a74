using System.Net;
using System.Net.Sockets;
using System.Text;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Badge.Sdk.Rendering;
using Badge.Sdk.Verification;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using static Badge.Sdk.TestData.EmulatorHost;

namespace Badge.Sdk.IntegrationTests.Verification;

/// <summary>
/// The verifier against real sites on 127.0.0.1: one Kestrel host answers for many host names, which the
/// verifier's connect callback maps to it.
/// </summary>
public sealed class SiteBadgeVerifierTests : IAsyncLifetime
{
    private const string Legacy = """<script type="text/javascript">document.write(unescape("%3Cspan id='_ideConac' %3E%3C/span%3E%3Cscript src='http://dcs.conac.cn/js/15/225/0839/41639239/CA152250839416392390001.js' type='text/javascript'%3E%3C/script%3E"));</script>""";
    private readonly Dictionary<string, Func<HttpContext, Task>> _sites = new(StringComparer.OrdinalIgnoreCase);
    private EmulatorHost _authority = null!;
    private WebApplication _web = null!;
    private int _port;
    private string _suffix = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _authority = await EmulatorHost.StartAsync();
        _suffix = Guid.NewGuid().ToString("N")[..6];
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _web = builder.Build();
        _web.Run(context => _sites.TryGetValue(context.Request.Host.Host, out var site) ? site(context) : NotFound(context));
        await _web.StartAsync(Ct);
        _port = new Uri(_web.Urls.First()).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _web.DisposeAsync();
        await _authority.DisposeAsync();
    }

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = 404;
        return Task.CompletedTask;
    }

    private string Host(string name) => $"{name}-{_suffix}.{RegisteredA}";

    private SiteBadgeVerifier Verifier(TimeSpan? timeout = null, int maxPageBytes = 2 * 1024 * 1024)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(IPAddress.Loopback, _port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        return new SiteBadgeVerifier(new HttpClient(handler), _authority.Client(), new SiteBadgeVerifierOptions
        {
            Authority = _authority.Address,
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
            MaxPageBytes = maxPageBytes,
        });
    }

    private async Task<string> FooterFor(string domain, string? badgeId = null)
    {
        badgeId ??= (await _authority.Client(KeyA).IssueBadgeAsync(Website(domain), Ct)).Id;
        var certificate = await _authority.Client().GetCertificateAsync(badgeId, Ct);
        return Encoding.ASCII.GetString(BadgeFooterRenderer.RenderFooter(certificate));
    }

    private static string Page(string bodyEnd, string top = "") =>
        $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>t</title></head><body>{top}<main>{string.Concat(Enumerable.Repeat("<p>政务公开内容</p>", 20))}</main>{bodyEnd}</body></html>";

    private void Serve(string host, string html, string contentType = "text/html; charset=utf-8") =>
        _sites[host] = c => { c.Response.ContentType = contentType; return c.Response.WriteAsync(html); };

    private Task<SiteVerificationResult> Verify(string host, SiteBadgeVerifier? verifier = null, OrganizerName? organizer = null) =>
        (verifier ?? Verifier()).VerifyAsync(new Uri($"http://{host}/"), organizer, null, Ct);

    [Fact]
    public async Task SiteWithTheFooter_Passes_AndSoDoesItsSubdomain()
    {
        var host = Host("good");
        var page = Page(await FooterFor(host));
        Serve(host, page);
        Serve("www." + host, page);

        var result = await Verify(host, organizer: OrganizerName.Parse("万载县人民政府办公室"));
        var www = await Verify("www." + host);

        Assert.True(result.Outcome == SiteVerificationOutcome.Pass, string.Join("; ", result.Findings.Select(f => f.Message)));
        Assert.Empty(result.Findings);
        Assert.Equal(BadgePresentation.Footer, result.Presentation);
        Assert.Equal("万载县人民政府办公室", result.Certificate!.OrganizerName.Value);
        Assert.Equal(SiteVerificationOutcome.Pass, www.Outcome);
    }

    [Fact]
    public async Task PastedEmbedCode_Passes()
    {
        var host = Host("embed");
        var issued = await _authority.Client(KeyA).IssueBadgeAsync(Website(host), Ct);
        Serve(host, Page($"<div style=\"text-align:center\">{issued.EmbedCode}</div>"));

        var result = await Verify(host);

        Assert.Equal(SiteVerificationOutcome.Pass, result.Outcome);
        Assert.Equal(BadgePresentation.EmbedCode, result.Presentation);
        Assert.Equal(issued.Id, result.BadgeId);
    }

    [Fact]
    public async Task MissingBadge_IsAFinding()
    {
        var host = Host("none");
        Serve(host, Page("<footer>主办单位</footer>"));

        var result = await Verify(host);

        Assert.Equal(SiteVerificationOutcome.Findings, result.Outcome);
        Assert.Contains(result.Findings, f => f.Code == SiteFindingCodes.NoBadge && f.ChineseMessage.Length > 0);
    }

    [Fact]
    public async Task LegacyLoaderTheAuthorityHasNotReplaced_PassesWithANotice()
    {
        var host = Host("legacy");
        Serve(host, Page($"<div>{Legacy}</div>"));

        var result = await Verify(host);

        Assert.Equal(SiteVerificationOutcome.Pass, result.Outcome);
        Assert.Equal(BadgePresentation.Legacy, result.Presentation);
        var notice = Assert.Single(result.Notices);
        Assert.Equal(SiteFindingCodes.AwaitingCentralReplacement, notice.Code);
        Assert.Contains("统一替换", notice.ChineseMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LegacyBadgeTheAuthoritySuperseded_PassesAsReplacedCentrally_OnTheSuccessorsFacts()
    {
        var host = Host("replaced");
        var legacyId = await ImportLegacyAsync(host);
        Serve(host, Page($"<div>{LegacyLoader(legacyId)}</div>"));
        var before = await Verify(host);
        var successor = await _authority.Client(AuthorityKey).IssueBadgeAsync(Website(host, InstitutionA), Ct);
        await _authority.Client(AuthorityKey).SupersedeBadgeAsync(legacyId, successor.Id, Ct);

        var after = await Verify(host, organizer: OrganizerName.Parse("万载县人民政府办公室"));

        Assert.Equal(SiteVerificationOutcome.Pass, before.Outcome);
        Assert.Equal(SiteFindingCodes.AwaitingCentralReplacement, Assert.Single(before.Notices).Code);
        Assert.True(after.Outcome == SiteVerificationOutcome.Pass, string.Join("; ", after.Findings.Select(f => f.Message)));
        Assert.Equal(legacyId, after.BadgeId);
        Assert.Equal(SiteFindingCodes.ReplacedCentrally, Assert.Single(after.Notices).Code);
        Assert.Equal(successor.Id, after.Certificate!.BadgeId);
        Assert.Equal("万载县人民政府办公室", after.Certificate.OrganizerName.Value);
    }

    [Fact]
    public async Task RenderedLegacyBadgeForAnotherSite_IsStillADomainMismatch()
    {
        var legacyId = await ImportLegacyAsync(Host("owner"));
        var copier = Host("copier");
        Serve(copier, Page($"<span id=\"_ideConac\"><a href=\"//bszs.conac.cn/sitename?method=show&id={legacyId.ToUpperInvariant()}\"><img id=\"imgConac\" src=\"//dcs.conac.cn/image/red.png\"></a></span>"));

        var result = await Verify(copier);

        Assert.Equal(SiteVerificationOutcome.Findings, result.Outcome);
        Assert.Contains(result.Findings, f => f.Code == SiteFindingCodes.DomainMismatch);
        Assert.Equal(SiteFindingCodes.AwaitingCentralReplacement, Assert.Single(result.Notices).Code);
    }

    private async Task<string> ImportLegacyAsync(string domain)
    {
        var legacyId = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        await _authority.Client(AuthorityKey).ImportLegacyBadgeAsync(new ImportLegacyBadgeRequest
        {
            LegacyId = legacyId,
            Uscc = InstitutionA.ToString(),
            OrganizerName = "万载县人民政府办公室",
            OnlineName = "万载县人民政府",
            Domain = domain,
        }, Ct);
        return legacyId;
    }

    // The legacy embed code, pointing at the emulator's stand-in for the old script host.
    private string LegacyLoader(string legacyId) =>
        $"<script type=\"text/javascript\">document.write(unescape(\"%3Cspan id='_ideConac' %3E%3C/span%3E%3Cscript src='{_authority.Address}legacy/js/{legacyId}.js' type='text/javascript'%3E%3C/script%3E\"));</script>";

    [Fact]
    public async Task BadgeCopiedFromAnotherSite_IsADomainMismatch()
    {
        var original = Host("original");
        var copier = Host("copier");
        Serve(copier, Page(await FooterFor(original)));

        var result = await Verify(copier);

        Assert.Equal(SiteVerificationOutcome.Findings, result.Outcome);
        Assert.Contains(result.Findings, f => f.Code == SiteFindingCodes.DomainMismatch && f.Message.Contains(original, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RevokedBadge_IsAFinding()
    {
        var host = Host("revoked");
        var issued = await _authority.Client(KeyA).IssueBadgeAsync(Website(host), Ct);
        Serve(host, Page(await FooterFor(host, issued.Id)));
        await _authority.Client(KeyA).RevokeBadgeAsync(issued.Id, "网站已关停", Ct);

        var result = await Verify(host);

        Assert.Contains(result.Findings, f => f.Code == SiteFindingCodes.Revoked);
    }

    [Fact]
    public async Task GbkPage_IsDecodedByItsCharset()
    {
        var host = Host("gbk");
        var gbk = CodePagesEncodingProvider.Instance.GetEncoding("gbk")!;
        var html = Page(await FooterFor(host)).Replace("utf-8", "gbk", StringComparison.Ordinal);
        _sites[host] = c =>
        {
            c.Response.ContentType = "text/html";
            return c.Response.Body.WriteAsync(gbk.GetBytes(html)).AsTask();
        };

        var result = await Verify(host);

        Assert.Equal(SiteVerificationOutcome.Pass, result.Outcome);
    }

    [Fact]
    public async Task Redirects_AreFollowedOnlyWithinTheSitesDomain()
    {
        var host = Host("redirect");
        var away = Host("away");
        Serve("www." + host, Page(await FooterFor(host)));
        _sites[host] = c => { c.Response.Redirect($"http://www.{host}/"); return Task.CompletedTask; };
        _sites[away] = c => { c.Response.Redirect($"http://{Host("elsewhere")}/"); return Task.CompletedTask; };

        var within = await Verify(host);
        var off = await Verify(away);

        Assert.Equal(SiteVerificationOutcome.Pass, within.Outcome);
        Assert.Equal(SiteVerificationOutcome.CouldNotCheck, off.Outcome);
        Assert.Equal(SiteFindingCodes.RedirectOffSite, Assert.Single(off.Findings).Code);
    }

    [Fact]
    public async Task SlowOrGarbageSites_CouldNotBeChecked()
    {
        var slow = Host("slow");
        var garbage = Host("garbage");
        _sites[slow] = async c => await Task.Delay(TimeSpan.FromSeconds(10), c.RequestAborted);
        _sites[garbage] = c =>
        {
            c.Response.ContentType = "application/octet-stream";
            return c.Response.Body.WriteAsync(new byte[] { 0, 1, 2, 0xFF, 0xFE }).AsTask();
        };

        var timedOut = await Verify(slow, Verifier(TimeSpan.FromSeconds(1)));
        var notHtml = await Verify(garbage);

        Assert.Equal(SiteVerificationOutcome.CouldNotCheck, timedOut.Outcome);
        Assert.Equal(SiteFindingCodes.Unreachable, Assert.Single(timedOut.Findings).Code);
        Assert.Equal(SiteFindingCodes.NotHtml, Assert.Single(notHtml.Findings).Code);
    }

    [Fact]
    public async Task BadgeAtTheTop_OrLinkingElsewhere_AreFindings()
    {
        var top = Host("top");
        var foreign = Host("foreign");
        Serve(top, Page(string.Empty, top: await FooterFor(top)));
        var footer = await FooterFor(foreign);
        Serve(foreign, Page(footer.Replace(_authority.Address.ToString().TrimEnd('/'), "http://copycat.test", StringComparison.Ordinal)));

        var atTop = await Verify(top);
        var elsewhere = await Verify(foreign);

        Assert.Contains(atTop.Findings, f => f.Code == SiteFindingCodes.NotAtBottom);
        Assert.Contains(elsewhere.Findings, f => f.Code == SiteFindingCodes.ForeignLink);
    }

    [Fact]
    public async Task WrongExpectedOrganizer_IsAFinding()
    {
        var host = Host("organizer");
        Serve(host, Page(await FooterFor(host)));

        var result = await Verify(host, organizer: OrganizerName.Parse("另一个单位"));

        Assert.Contains(result.Findings, f => f.Code == SiteFindingCodes.OrganizerMismatch);
    }

    [Fact]
    public async Task PageLargerThanTheCap_CouldNotBeChecked()
    {
        var host = Host("large");
        Serve(host, Page(await FooterFor(host), top: new string('x', 64 * 1024)));
        var verifier = Verifier(maxPageBytes: 16 * 1024);

        var result = await verifier.VerifyAsync(new Uri($"http://{host}/"), cancellationToken: Ct);

        Assert.Equal(SiteFindingCodes.TooLarge, Assert.Single(result.Findings).Code);
    }
}
