using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Badge.Sdk.Certificates;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Badge.Sdk.Rendering;

namespace Badge.Sdk.Verification;

/// <summary>
/// Checks a site the way the manual's third website step does, automatically: fetch the home page, find the badge
/// near the bottom, read the certificate it points to from the authority's signed document, and compare the
/// organizer, the code, the domain and the status. Expected failures are findings, not exceptions.
/// </summary>
/// <remarks>
/// Facts are trusted only from the configured authority, through its signed certificate document; the page a
/// badge links to is never scraped. Redirects are followed only to hosts the site's domain covers. The
/// <see cref="HttpClient"/> given must not follow redirects itself; host names can be mapped (to 127.0.0.1 for
/// staging or tests) with a <see cref="SocketsHttpHandler.ConnectCallback"/> on its handler.
/// </remarks>
public sealed partial class SiteBadgeVerifier
{
    private const int MaxSuccessorHops = 8;
    private readonly HttpClient _http;
    private readonly IBadgeAuthorityClient _authority;
    private readonly SiteBadgeVerifierOptions _options;

    /// <summary>Creates the verifier.</summary>
    /// <param name="http">Fetches the sites; must not follow redirects (the verifier follows them itself).</param>
    /// <param name="authority">The authority client whose signed certificates are trusted.</param>
    /// <param name="options">The options; <see cref="SiteBadgeVerifierOptions.Authority"/> is required.</param>
    public SiteBadgeVerifier(HttpClient http, IBadgeAuthorityClient authority, SiteBadgeVerifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Authority is not { IsAbsoluteUri: true })
        {
            throw new ArgumentException("SiteBadgeVerifierOptions.Authority must be the authority's absolute address.", nameof(options));
        }

        _http = http;
        _authority = authority;
        _options = options;
    }

    /// <summary>Checks one site.</summary>
    /// <param name="site">The site's address, for example <c>https://www.example.gov.cn/</c>.</param>
    /// <param name="expectedOrganizer">The organizer the badge must name, if known.</param>
    /// <param name="expectedUscc">The code the badge must carry, if known.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The result, with every finding.</returns>
    public async Task<SiteVerificationResult> VerifyAsync(
        Uri site, OrganizerName? expectedOrganizer = null, UnifiedSocialCreditCode? expectedUscc = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(site);
        var findings = new List<SiteFinding>();
        if (!site.IsAbsoluteUri || !SiteDomain.TryParse(site.IdnHost, out var domain))
        {
            return Unchecked(site, Finding(SiteFindingCodes.Unreachable, $"'{site}' is not the address of a site", $"“{site}”不是有效的网站地址"));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        string html;
        try
        {
            var (page, problem) = await FetchAsync(site, domain, timeout.Token).ConfigureAwait(false);
            if (problem is not null)
            {
                return Unchecked(site, problem);
            }

            html = page!;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Unchecked(site, Finding(SiteFindingCodes.Unreachable, $"the site did not answer within {_options.Timeout.TotalSeconds:0.#} s", $"网站在 {_options.Timeout.TotalSeconds:0.#} 秒内没有响应"));
        }
        catch (HttpRequestException ex)
        {
            return Unchecked(site, Finding(SiteFindingCodes.Unreachable, $"the site could not be reached: {ex.Message}", "无法访问该网站"));
        }

        var (presentation, badgeId, link, index, length) = FindBadge(html);
        if (presentation == BadgePresentation.None)
        {
            findings.Add(Finding(SiteFindingCodes.NoBadge, "no badge was found on the home page", "首页未找到网上标识"));
            return Result(site, findings, presentation, null, null);
        }

        if (!AtBottom(html, index, length))
        {
            findings.Add(Finding(SiteFindingCodes.NotAtBottom, "the badge is not in the bottom part of the home page", "网上标识未加注在首页底部"));
        }

        if (presentation == BadgePresentation.Legacy && badgeId is null)
        {
            return Result(site, findings, presentation, null, null, [AwaitingCentralReplacement(null)]);
        }

        if (link is not null && !SameOrigin(link, _options.Authority!))
        {
            findings.Add(Finding(SiteFindingCodes.ForeignLink, $"the badge links to {link.GetLeftPart(UriPartial.Authority)}, not to the authority", "网上标识链接的不是标识颁发机构的地址"));
        }

        BadgeCertificate certificate;
        try
        {
            certificate = (await _authority.GetSignedCertificateAsync(badgeId!, cancellationToken).ConfigureAwait(false)).Certificate;
        }
        catch (BadgeAuthorityException ex) when (ex.Code == AuthorityErrorCodes.UnknownBadge)
        {
            findings.Add(Finding(SiteFindingCodes.UnknownBadge, $"the authority knows no badge '{badgeId}'", $"颁发机构不存在编号为“{badgeId}”的网上标识"));
            return Result(site, findings, presentation, badgeId, null);
        }
        catch (BadgeAuthorityException ex)
        {
            return Unchecked(site, Finding(SiteFindingCodes.CertificateUnavailable, $"the authority's signed certificate could not be read: {ex.Message}", "无法读取颁发机构签名的标识证书"));
        }

        // The manual: institutions with a legacy badge do nothing; the authority replaces it centrally, and the old
        // loader then draws the successor. So a superseded legacy badge passes on its successor's facts.
        List<SiteFinding>? notices = null;
        if (presentation == BadgePresentation.Legacy)
        {
            (certificate, var notice) = await CentralReplacementAsync(certificate, cancellationToken).ConfigureAwait(false);
            notices = [notice];
        }

        if (certificate.Status == BadgeStatus.Revoked)
        {
            findings.Add(Finding(SiteFindingCodes.Revoked, $"badge {certificate.BadgeId} was revoked", $"网上标识 {certificate.BadgeId} 已撤销"));
        }
        else if (certificate.Status == BadgeStatus.Superseded)
        {
            findings.Add(Finding(SiteFindingCodes.Superseded, $"badge {certificate.BadgeId} was superseded by {certificate.SupersededBy}", $"网上标识 {certificate.BadgeId} 已被 {certificate.SupersededBy} 替换"));
        }

        if (certificate.Domain is not { } badgeDomain || !badgeDomain.Covers(domain))
        {
            findings.Add(Finding(
                SiteFindingCodes.DomainMismatch,
                $"the badge vouches for {certificate.Domain?.Unicode ?? certificate.AccountId}, not for {domain.Unicode}: a badge copied from another site",
                $"该网上标识证明的是“{certificate.Domain?.Unicode ?? certificate.AccountId}”，而不是“{domain.Unicode}”，可能是从其他网站复制的"));
        }

        if (expectedOrganizer is { } organizer && organizer != certificate.OrganizerName)
        {
            findings.Add(Finding(
                SiteFindingCodes.OrganizerMismatch,
                $"the certificate names '{certificate.OrganizerName}' as organizer, not '{organizer}'",
                $"标识证书的主办单位为“{certificate.OrganizerName}”，与“{organizer}”不一致"));
        }

        if (expectedUscc is { } uscc && uscc != certificate.Uscc)
        {
            findings.Add(Finding(
                SiteFindingCodes.UsccMismatch,
                $"the certificate carries the code {certificate.Uscc}, not {uscc}",
                $"标识证书的统一社会信用代码为 {certificate.Uscc}，与 {uscc} 不一致"));
        }

        return Result(site, findings, presentation, badgeId, certificate, notices);
    }

    private async Task<(BadgeCertificate Certificate, SiteFinding Notice)> CentralReplacementAsync(BadgeCertificate legacy, CancellationToken cancellationToken)
    {
        var current = legacy;
        for (var hop = 0; hop < MaxSuccessorHops && current.Status == BadgeStatus.Superseded && current.SupersededBy is { } next; hop++)
        {
            try
            {
                current = (await _authority.GetSignedCertificateAsync(next, cancellationToken).ConfigureAwait(false)).Certificate;
            }
            catch (BadgeAuthorityException)
            {
                // The successor cannot be read: judge the legacy badge's own certificate, which says it was superseded.
                return (legacy, AwaitingCentralReplacement(legacy.BadgeId));
            }
        }

        return ReferenceEquals(current, legacy)
            ? (legacy, AwaitingCentralReplacement(legacy.BadgeId))
            : (current, Finding(
                SiteFindingCodes.ReplacedCentrally,
                $"the legacy badge {legacy.BadgeId} was replaced centrally by {current.BadgeId}; the old code now shows the new badge",
                $"旧版标识 {legacy.BadgeId} 已由颁发机构统一替换为新标识 {current.BadgeId}，原加注代码现显示新标识"));
    }

    private static SiteFinding AwaitingCentralReplacement(string? legacyId) => Finding(
        SiteFindingCodes.AwaitingCentralReplacement,
        $"the home page carries a legacy (CONAC) badge{(legacyId is null ? string.Empty : " " + legacyId)}; the authority will replace it centrally, nothing to do",
        "首页加注的是旧版标识，将由颁发机构统一替换为新标识，无需重新领取和加注");

    private async Task<(string? Page, SiteFinding? Problem)> FetchAsync(Uri site, SiteDomain domain, CancellationToken cancellationToken)
    {
        var url = site;
        for (var redirects = 0; ; redirects++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
            // A site is visited once: keeping its connection alive would only keep per-host state around.
            request.Headers.ConnectionClose = true;
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                var next = location.IsAbsoluteUri ? location : new Uri(url, location);
                if (redirects >= _options.MaxRedirects || !domain.CoversHost(next.IdnHost))
                {
                    return (null, Finding(SiteFindingCodes.RedirectOffSite, $"the site redirects to {next}, which its domain {domain.Unicode} does not cover", $"网站跳转到了域名“{domain.Unicode}”之外的地址 {next}"));
                }

                url = next;
                continue;
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                return (null, Finding(SiteFindingCodes.HttpStatus, $"the home page answered {status}", $"首页返回状态码 {status}"));
            }

            if (response.Content.Headers.ContentType?.MediaType is not ("text/html" or "application/xhtml+xml"))
            {
                return (null, Finding(SiteFindingCodes.NotHtml, $"the home page is {response.Content.Headers.ContentType?.MediaType ?? "of no stated type"}, not HTML", "首页不是 HTML 页面"));
            }

            var bytes = await ReadCappedAsync(response, cancellationToken).ConfigureAwait(false);
            if (bytes is null)
            {
                return (null, Finding(SiteFindingCodes.TooLarge, $"the home page is larger than {_options.MaxPageBytes} bytes", "首页过大"));
            }

            return (Decode(bytes, response.Content.Headers.ContentType?.CharSet), null);
        }
    }

    private async Task<byte[]?> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > _options.MaxPageBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    // The charset from the header, else from a <meta> in the first KiB; GBK, GB18030, Big5 and the rest through the
    // code-pages provider (without registering it process-wide).
    private static string Decode(byte[] bytes, string? headerCharset)
    {
        var label = headerCharset;
        if (string.IsNullOrWhiteSpace(label))
        {
            var head = Encoding.Latin1.GetString(bytes, 0, Math.Min(bytes.Length, 1024));
            var meta = MetaCharset().Match(head);
            label = meta.Success ? meta.Groups["charset"].Value : "utf-8";
        }

        var encoding = TryEncoding(label.Trim().Trim('"', '\'')) ?? Encoding.UTF8;
        return encoding.GetString(bytes);
    }

    private static Encoding? TryEncoding(string label)
    {
        try
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(label) ?? Encoding.GetEncoding(label);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static (BadgePresentation Presentation, string? BadgeId, Uri? Link, int Index, int Length) FindBadge(string html)
    {
        var footer = FooterPattern().Match(html);
        if (footer.Success)
        {
            var close = html.IndexOf("</div>", footer.Index, StringComparison.OrdinalIgnoreCase);
            var length = close < 0 ? footer.Length : close + 6 - footer.Index;
            return (BadgePresentation.Footer, WebUtility.HtmlDecode(footer.Groups["id"].Value), Link(footer.Groups["href"].Value), footer.Index, length);
        }

        foreach (Match script in ScriptTag().Matches(html))
        {
            var id = EmbedId().Match(script.Value);
            var src = ScriptSource().Match(script.Value);
            if (id.Success && src.Success)
            {
                var close = html.IndexOf("</noscript>", script.Index, StringComparison.OrdinalIgnoreCase);
                var length = close < 0 ? script.Length : close + 11 - script.Index;
                return (BadgePresentation.EmbedCode, WebUtility.HtmlDecode(id.Groups["id"].Value), Link(src.Groups["src"].Value), script.Index, length);
            }
        }

        var legacy = LegacyBadgeDetector.Find(html);
        if (legacy.Count > 0)
        {
            var loaderId = legacy[0].LoaderUrl is { } loader ? LegacyLoaderId().Match(loader) : Match.Empty;
            return (BadgePresentation.Legacy, legacy[0].LegacyId ?? (loaderId.Success ? loaderId.Groups["id"].Value.ToLowerInvariant() : null), null, legacy[0].Index, legacy[0].Length);
        }

        return (BadgePresentation.None, null, null, -1, 0);
    }

    // The badge must come after at least (1 - BottomFraction) of the body's other content, measured in characters
    // from <body to the last </body> with the badge's own markup left out (so a large badge on a short page does
    // not count against it).
    private bool AtBottom(string html, int badgeStart, int badgeLength)
    {
        var body = BodyStart().Match(html);
        var start = body.Success ? body.Index : 0;
        var end = html.LastIndexOf("</body", StringComparison.OrdinalIgnoreCase);
        if (end < badgeStart + badgeLength)
        {
            end = html.Length;
        }

        var others = (end - start) - badgeLength;
        return others <= 0 || (badgeStart - start) >= others * (1 - _options.BottomFraction);
    }

    private static Uri? Link(string value) => Uri.TryCreate(WebUtility.HtmlDecode(value), UriKind.Absolute, out var uri) ? uri : null;

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    private static SiteFinding Finding(string code, string message, string chinese) => new(code, message, chinese);

    private static SiteVerificationResult Unchecked(Uri site, SiteFinding finding) => new()
    {
        Site = site,
        Outcome = SiteVerificationOutcome.CouldNotCheck,
        Findings = [finding],
    };

    private static SiteVerificationResult Result(
        Uri site, List<SiteFinding> findings, BadgePresentation presentation, string? badgeId, BadgeCertificate? certificate, List<SiteFinding>? notices = null) => new()
    {
        Site = site,
        Outcome = findings.Count == 0 ? SiteVerificationOutcome.Pass : SiteVerificationOutcome.Findings,
        Findings = findings,
        Notices = notices ?? [],
        Presentation = presentation,
        BadgeId = badgeId,
        Certificate = certificate,
    };

    [GeneratedRegex("""<div\b[^>]*\bdata-online-badge\s*=\s*"(?<id>[^"]+)"[^>]*>.{0,2000}?<a\b[^>]*\bhref\s*=\s*"(?<href>[^"]+)\x22""", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex FooterPattern();

    [GeneratedRegex("""<script\b[^>]*>""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ScriptTag();

    [GeneratedRegex("""\bdata-badge-id\s*=\s*"(?<id>[^"]+)\x22""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex EmbedId();

    [GeneratedRegex("""\bsrc\s*=\s*"(?<src>[^"]+)\x22""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ScriptSource();

    [GeneratedRegex("""<meta\b[^>]*?charset\s*=\s*["']?(?<charset>[A-Za-z0-9_.:\-]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex MetaCharset();

    // A loader whose file name is the 32-hex legacy id (the emulator's stand-in for the old script host).
    [GeneratedRegex("""/(?<id>[0-9A-Fa-f]{32})\.js(?:[?#]|$)""", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex LegacyLoaderId();

    [GeneratedRegex("""<body\b""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex BodyStart();
}
