using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Badge.Sdk.Rendering;
using Badge.Sdk.Verification;
using static Badge.Sdk.TestData.EmulatorHost;

namespace Badge.Sdk.IntegrationTests.Verification;

/// <summary>
/// The verifier against hostile sites: a raw socket server on 127.0.0.1 that sends what a hostile or broken site
/// sends (charsets browsers refuse, a 2 MB run of <c>&lt;div </c>, redirects off the site's origin and to ftp:,
/// gzip bombs, endless redirects, slowloris, resets mid-body, huge bodies). Every case ends as a result with a
/// finding, within the site's deadline; none throws.
/// </summary>
public sealed class SiteBadgeVerifierFaultTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private readonly EmulatorHost _authority = fixture.Host;
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..6];
    private HostileSiteServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _server = new HostileSiteServer();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    // Under demo institution A's seeded registration, so its website badges are active at once (not pending).
    private string Host(string name) => $"{name}-{_suffix}.{RegisteredA}";

    private SiteBadgeVerifier Verifier(TimeSpan? timeout = null, int maxPageBytes = 2 * 1024 * 1024, bool decompress = false)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = decompress ? DecompressionMethods.All : DecompressionMethods.None,
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(IPAddress.Loopback, _server.Port, ct);
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

    private async Task<string> FooterFor(string domain)
    {
        var id = (await _authority.Client(KeyA).IssueBadgeAsync(Website(domain), Ct)).Id;
        return Encoding.ASCII.GetString(BadgeFooterRenderer.RenderFooter(await _authority.Client().GetCertificateAsync(id, Ct)));
    }

    private static string Page(string bodyEnd, string head = "<meta charset=\"utf-8\">", string top = "") =>
        $"<!DOCTYPE html><html><head>{head}<title>t</title></head><body>{top}<main>{string.Concat(Enumerable.Repeat("<p>政务公开内容</p>", 20))}</main>{bodyEnd}</body></html>";

    private Task<SiteVerificationResult> Verify(string host, SiteBadgeVerifier? verifier = null) =>
        (verifier ?? Verifier()).VerifyAsync(new Uri($"http://{host}/"), cancellationToken: Ct);

    private static string Why(SiteVerificationResult r) => string.Join("; ", r.Findings.Select(f => $"{f.Code}: {f.Message}"));

    [Fact]
    public async Task Utf7InTheHeaderOrAMeta_IsNotHonoured_AndThePageIsReadAsUtf8()
    {
        var header = Host("utf7-header");
        var meta = Host("utf7-meta");
        var smuggled = Host("utf7-smuggled");
        _server.Html(header, Page(await FooterFor(header), head: string.Empty), "text/html; charset=utf-7");
        _server.Html(meta, Page(await FooterFor(meta), head: "<meta charset=\"utf-7\">"), "text/html");
        // A badge that exists only when the page is decoded as UTF-7: a browser never shows it, so neither may the verifier.
        var footer = await FooterFor(smuggled);
        _server.Html(smuggled, Page(footer.Replace("<", "+ADw-", StringComparison.Ordinal).Replace(">", "+AD4-", StringComparison.Ordinal)), "text/html; charset=UTF-7");

        var fromHeader = await Verify(header);
        var fromMeta = await Verify(meta);
        var hidden = await Verify(smuggled);

        Assert.True(fromHeader.Outcome == SiteVerificationOutcome.Pass, Why(fromHeader));
        Assert.True(fromMeta.Outcome == SiteVerificationOutcome.Pass, Why(fromMeta));
        Assert.Equal(SiteFindingCodes.NoBadge, Assert.Single(hidden.Findings).Code);
    }

    [Theory]
    [InlineData("text/html; charset=x-no-such-charset")]
    [InlineData("text/html; charset=hz-gb-2312")]
    [InlineData("text/html; charset=utf-32")]
    [InlineData("text/html; charset=\"")]
    public async Task UnknownOrRefusedCharsetInTheHeader_FallsBackAsBrowsersDo(string contentType)
    {
        var host = Host("charset-" + Guid.NewGuid().ToString("N")[..6]);
        _server.Html(host, Page(await FooterFor(host)), contentType);

        var result = await Verify(host);

        Assert.True(result.Outcome == SiteVerificationOutcome.Pass, Why(result));
    }

    [Fact]
    public async Task ABadgeIdThatCannotBeOne_IsNotSentToTheAuthority()
    {
        var host = Host("badid");
        _server.Html(host, Page($"<div data-online-badge=\"../../admin?{new string('x', 5000)}\"><a href=\"{_authority.Address}certificates/x\">x</a></div>"));

        var result = await Verify(host);

        Assert.Equal(SiteVerificationOutcome.Findings, result.Outcome);
        Assert.Contains(result.Findings, f => f.Code == SiteFindingCodes.UnknownBadge && f.Message.Contains("not a badge id", StringComparison.Ordinal));
        Assert.True(result.BadgeId!.Length <= 65, "the report shows a shortened id");
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("UTF-16LE")]
    [InlineData("utf-16be")]
    public async Task MetaUtf16OnAUtf8Page_IsReadAsUtf8_AndTheBadgeIsFound(string label)
    {
        var host = Host("utf16-" + label.ToLowerInvariant());
        _server.Html(host, Page(await FooterFor(host), head: $"<meta http-equiv=\"Content-Type\" content=\"text/html; charset={label}\">"), "text/html");

        var result = await Verify(host);

        Assert.True(result.Outcome == SiteVerificationOutcome.Pass, Why(result));
        Assert.Equal("万载县人民政府办公室", result.Certificate!.OrganizerName.Value);
    }

    [Fact]
    public async Task TwoMegabyteRunOfDivs_IsScannedToTheBadge_NotARegexTimeout()
    {
        var open = Host("divs-open");
        var closed = Host("divs-closed");
        _server.Html(open, Page(await FooterFor(open), top: string.Concat(Enumerable.Repeat("<div ", 400_000))));
        _server.Html(closed, Page(await FooterFor(closed), top: string.Concat(Enumerable.Repeat("<div a>", 150_000)) + string.Concat(Enumerable.Repeat("<div data-online-badge=\"x\"><b>", 40_000))));
        var verifier = Verifier(maxPageBytes: 4 * 1024 * 1024);

        var swallowed = await Verify(open, verifier);
        var many = await Verify(closed, verifier);

        // The run is one long tag that ends at <main>'s '>', as a browser reads it; the footer after it is found.
        Assert.True(swallowed.Outcome == SiteVerificationOutcome.Pass, Why(swallowed));
        Assert.True(many.Outcome == SiteVerificationOutcome.Pass, Why(many));
    }

    [Theory]
    [InlineData("ftp://files.example.test/index.html")]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    public async Task RedirectToSomethingOtherThanHttp_IsAnOutcome_NotAnException(string location)
    {
        var host = Host("ftp");
        _server.Redirect(host, location);

        var result = await Verify(host);

        Assert.Equal(SiteVerificationOutcome.CouldNotCheck, result.Outcome);
        Assert.Equal(SiteFindingCodes.RedirectOffSite, Assert.Single(result.Findings).Code);
    }

    [Theory]
    [InlineData("http://{0}:81/")]
    [InlineData("http://www.{0}:8080/")]
    [InlineData("https://{0}:8443/")]
    public async Task RedirectToAnotherPortOrSchemeOfTheCoveredHost_IsNotFollowed(string target)
    {
        var host = Host("port");
        var location = string.Format(System.Globalization.CultureInfo.InvariantCulture, target, host);
        _server.Redirect(host, location);
        _server.Html("www." + host, Page(await FooterFor(host)));

        var result = await Verify(host);

        Assert.Equal(SiteFindingCodes.RedirectOffSite, Assert.Single(result.Findings).Code);
        Assert.Equal([host + "/"], _server.Requests);
    }

    [Fact]
    public async Task RedirectFromHttpToHttpsOn443_IsFollowed()
    {
        var host = Host("upgrade");
        _server.Redirect(host, $"https://www.{host}/");

        var result = await Verify(host);

        // The server speaks plain HTTP, so the TLS handshake fails: the upgrade was followed, not refused.
        Assert.Equal(SiteVerificationOutcome.CouldNotCheck, result.Outcome);
        Assert.Equal(SiteFindingCodes.Unreachable, Assert.Single(result.Findings).Code);
    }

    [Fact]
    public async Task EndlessRedirects_StopAtTheLimit()
    {
        var host = Host("loop");
        _server.Map(host, c => c.WriteAsync($"HTTP/1.1 302 Found\r\nLocation: /{_server.Requests.Count}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));

        var result = await Verify(host);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(SiteFindingCodes.RedirectOffSite, finding.Code);
        Assert.Contains("more than 5", finding.Message, StringComparison.Ordinal);
        Assert.Equal(6, _server.Requests.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GzipBomb_IsCutOffAtTheCapOnTheDecompressedSize(bool handlerDecompresses)
    {
        var host = Host("bomb");
        var bomb = new MemoryStream();
        await using (var gzip = new GZipStream(bomb, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var spaces = new byte[1024 * 1024];
            spaces.AsSpan().Fill((byte)' ');
            await gzip.WriteAsync(Encoding.ASCII.GetBytes("<!DOCTYPE html><html><body>"), Ct);
            for (var i = 0; i < 256; i++)
            {
                await gzip.WriteAsync(spaces, Ct);
            }
        }

        _server.Respond(host, $"200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: {bomb.Length}", bomb.ToArray());
        var before = GC.GetTotalAllocatedBytes();

        var result = await Verify(host, Verifier(decompress: handlerDecompresses));

        Assert.True(bomb.Length < 1024 * 1024, $"the bomb is {bomb.Length} bytes compressed");
        Assert.Equal(SiteFindingCodes.TooLarge, Assert.Single(result.Findings).Code);
        // 256 MiB decompressed; what the check allocated stays near the 2 MiB cap (other tests run alongside).
        Assert.InRange(GC.GetTotalAllocatedBytes() - before, 0, 160L * 1024 * 1024);
    }

    [Fact]
    public async Task BodyThatIsNotTheGzipItClaims_IsUnreadable_WithTheReason()
    {
        var host = Host("badgzip");
        _server.Respond(host, "200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: 13", Encoding.ASCII.GetBytes("<html></html>"));
        var coding = Host("coding");
        _server.Respond(coding, "200 OK\r\nContent-Type: text/html\r\nContent-Encoding: compress\r\nContent-Length: 13", Encoding.ASCII.GetBytes("<html></html>"));

        var result = await Verify(host);
        var unknown = await Verify(coding);

        Assert.Equal(SiteVerificationOutcome.CouldNotCheck, result.Outcome);
        Assert.Equal(SiteFindingCodes.Unreadable, Assert.Single(result.Findings).Code);
        Assert.False(string.IsNullOrWhiteSpace(result.Findings[0].Message[("the site could not be read:".Length)..]));
        Assert.Contains("compress", Assert.Single(unknown.Findings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slowloris_HeadersThenATrickle_EndsAtTheDeadline()
    {
        var host = Host("slowloris");
        _server.Map(host, async c =>
        {
            await c.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n<html>");
            for (var i = 0; i < 600 && !c.Stopping.IsCancellationRequested; i++)
            {
                await Task.Delay(100, c.Stopping);
                await c.WriteAsync(" ");
            }
        });
        var clock = Stopwatch.StartNew();

        var result = await Verify(host, Verifier(TimeSpan.FromSeconds(1)));

        Assert.Equal(SiteFindingCodes.Unreachable, Assert.Single(result.Findings).Code);
        Assert.Contains("within 1 s", result.Findings[0].Message, StringComparison.Ordinal);
        // A generous bound on a one-second deadline: the trickle would last a minute.
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task ResetMidBody_IsUnreachable_NotAnException()
    {
        var host = Host("reset");
        _server.Map(host, async c =>
        {
            await c.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n<html><body>" + new string(' ', 4000));
            await Task.Delay(100, c.Stopping);
            c.Reset();
        });

        var result = await Verify(host);

        Assert.Equal(SiteVerificationOutcome.CouldNotCheck, result.Outcome);
        Assert.Contains(Assert.Single(result.Findings).Code, new[] { SiteFindingCodes.Unreachable, SiteFindingCodes.Unreadable });
    }

    [Fact]
    public async Task HugeBody_StreamedOrAnnounced_IsTooLarge_WithoutBeingReadWhole()
    {
        var streamed = Host("huge-chunked");
        var announced = Host("huge-length");
        var sent = 0L;
        _server.Map(streamed, async c =>
        {
            await c.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
            var chunk = Encoding.ASCII.GetBytes($"10000\r\n{new string('x', 0x10000)}\r\n");
            for (var i = 0; i < 16 * 1024 && !c.Stopping.IsCancellationRequested; i++)
            {
                await c.WriteAsync(chunk);
                Interlocked.Add(ref sent, 0x10000);
            }
        });
        _server.Map(announced, async c =>
        {
            await c.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 10737418240\r\nConnection: close\r\n\r\n<html>");
            await Task.Delay(TimeSpan.FromSeconds(30), c.Stopping);
        });
        var clock = Stopwatch.StartNew();

        var endless = await Verify(streamed);
        var declared = await Verify(announced);

        Assert.Equal(SiteFindingCodes.TooLarge, Assert.Single(endless.Findings).Code);
        Assert.Equal(SiteFindingCodes.TooLarge, Assert.Single(declared.Findings).Code);
        Assert.InRange(Interlocked.Read(ref sent), 0, 256L * 1024 * 1024);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(15));
    }
}
