using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
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
/// badge links to is never scraped. Redirects are followed only to hosts the site's domain covers, on the site's
/// scheme and port (or https on 443 from http). One deadline (<see cref="SiteBadgeVerifierOptions.Timeout"/>)
/// covers every request and body of a site, and the body is capped at
/// <see cref="SiteBadgeVerifierOptions.MaxPageBytes"/> after decompression. The
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
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is missing or out of range.</exception>
    public SiteBadgeVerifier(HttpClient http, IBadgeAuthorityClient authority, SiteBadgeVerifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(options);
        ValidatedOptions.ThrowIfInvalid(SiteBadgeVerifierOptionsValidator.Instance, options);
        _http = http;
        _authority = authority;
        _options = options;
    }

    /// <summary>Checks one site.</summary>
    /// <param name="site">The site's address, for example <c>https://www.example.gov.cn/</c>.</param>
    /// <param name="expectedOrganizer">The organizer the badge must name, if known.</param>
    /// <param name="expectedUscc">The code the badge must carry, if known.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>
    /// The result, with every finding. Nothing the site sends makes this throw: a failure while checking it is the
    /// outcome <see cref="SiteVerificationOutcome.CouldNotCheck"/> with a finding that says why
    /// (<see cref="SiteFindingCodes.Unreachable"/>, <see cref="SiteFindingCodes.Unreadable"/>, …). Only
    /// <paramref name="cancellationToken"/> ends the call with an exception.
    /// </returns>
    public async Task<SiteVerificationResult> VerifyAsync(
        Uri site, OrganizerName? expectedOrganizer = null, UnifiedSocialCreditCode? expectedUscc = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(site);
        try
        {
            return await VerifyCoreAsync(site, expectedOrganizer, expectedUscc, cancellationToken).ConfigureAwait(false);
        }
        catch (RegexMatchTimeoutException)
        {
            return Unchecked(site, Finding(SiteFindingCodes.Unreadable, "the page is too complex to search within the time allowed", "网页结构过于复杂，无法在限定时间内检查"));
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // Whatever a site does, the check of that site ends here, with the reason; a bulk run carries on.
            var reason = ex.Message.ReplaceLineEndings(" ");
            return Unchecked(site, Finding(SiteFindingCodes.Unreadable, $"the site could not be read: {reason}", $"无法读取该网站：{reason}"));
        }
    }

    private async Task<SiteVerificationResult> VerifyCoreAsync(
        Uri site, OrganizerName? expectedOrganizer, UnifiedSocialCreditCode? expectedUscc, CancellationToken cancellationToken)
    {
        var findings = new List<SiteFinding>();
        if (!site.IsAbsoluteUri || !IsWeb(site) || !SiteDomain.TryParse(site.IdnHost, out var domain))
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
            return Unchecked(site, Finding(SiteFindingCodes.Unreachable, $"the site did not send its home page within {_options.Timeout.TotalSeconds:0.#} s", $"网站在 {_options.Timeout.TotalSeconds:0.#} 秒内没有发完首页"));
        }
        catch (HttpRequestException ex)
        {
            return Unchecked(site, Finding(SiteFindingCodes.Unreachable, $"the site could not be reached: {ex.Message}", "无法访问该网站"));
        }
        catch (IOException ex)
        {
            return Unchecked(site, Finding(SiteFindingCodes.Unreachable, $"the connection broke while reading the home page: {ex.Message}", "读取首页时连接中断"));
        }

        var (presentation, badgeId, link, index, length, bodyStart) = FindBadge(html);
        if (presentation == BadgePresentation.None)
        {
            findings.Add(Finding(SiteFindingCodes.NoBadge, "no badge was found on the home page", "首页未找到网上标识"));
            return Result(site, findings, presentation, null, null);
        }

        if (!AtBottom(html, bodyStart, index, length))
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

        // The page chose the id: one that cannot be a badge id is not sent to the authority at all.
        if (!IsBadgeId(badgeId))
        {
            var shown = badgeId!.Length > 64 ? badgeId[..64] + "…" : badgeId;
            findings.Add(Finding(SiteFindingCodes.UnknownBadge, $"the page shows '{shown}', which is not a badge id", $"网页中的“{shown}”不是网上标识编号"));
            return Result(site, findings, presentation, shown, null);
        }

        BadgeCertificate certificate;
        // The authority gets the same deadline as the site, whatever its client's own retries would wait.
        using var authorityDeadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        authorityDeadline.CancelAfter(_options.Timeout);
        try
        {
            certificate = (await _authority.GetSignedCertificateAsync(badgeId!, authorityDeadline.Token).ConfigureAwait(false)).Certificate;
        }
        catch (BadgeAuthorityException ex) when (ex.Code == AuthorityErrorCodes.BadgePending)
        {
            findings.Add(Finding(SiteFindingCodes.Pending, $"badge '{badgeId}' is pending: control of its domain is not shown yet, so it vouches for nothing", $"网上标识“{badgeId}”尚未完成域名验证，不能作为证明"));
            return Result(site, findings, presentation, badgeId, null);
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
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Unchecked(site, Finding(SiteFindingCodes.CertificateUnavailable, $"the authority did not send the signed certificate within {_options.Timeout.TotalSeconds:0.#} s", "颁发机构未在限定时间内返回标识证书"));
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

        else if (certificate.Status == BadgeStatus.Active)
        {
            // A parent domain's badge covers the host by name, but a registered subdomain with its own badge is
            // vouched for by that one: the authority names the most specific active badge for the host.
            BadgeRecord? vouching;
            try
            {
                vouching = await _authority.FindBadgeForHostAsync(domain.Ascii, cancellationToken).ConfigureAwait(false);
            }
            catch (BadgeAuthorityException ex)
            {
                return Unchecked(site, Finding(SiteFindingCodes.CertificateUnavailable, $"the authority could not say which badge vouches for {domain.Unicode}: {ex.Message}", "无法从颁发机构查询该域名对应的网上标识"));
            }

            if (vouching is not null && vouching.Id != certificate.BadgeId)
            {
                findings.Add(Finding(
                    SiteFindingCodes.DomainMismatch,
                    $"{domain.Unicode} has its own badge {vouching.Id} (for {vouching.Domain?.Unicode}); badge {certificate.BadgeId} of {badgeDomain.Unicode} does not vouch for it",
                    $"“{domain.Unicode}”有其自己的网上标识 {vouching.Id}，“{badgeDomain.Unicode}”的网上标识 {certificate.BadgeId} 不能为其作证明"));
            }
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
                if (!Uri.TryCreate(url, location, out var next))
                {
                    return (null, Finding(SiteFindingCodes.RedirectOffSite, $"the site redirects to '{location}', which is not an address", $"网站跳转到了无效的地址“{location}”"));
                }

                if (!IsWeb(next))
                {
                    return (null, Finding(SiteFindingCodes.RedirectOffSite, $"the site redirects to {next.Scheme}: {next}, not to a web page", $"网站跳转到了非网页地址 {next}"));
                }

                if (!SameSite(site, next, domain))
                {
                    return (null, Finding(
                        SiteFindingCodes.RedirectOffSite,
                        $"the site redirects to {next}, outside {site.Scheme}://{domain.Unicode}:{site.Port} (only hosts its domain covers, on the same scheme and port, or https on 443, are followed)",
                        $"网站跳转到了域名“{domain.Unicode}”的同一协议和端口之外的地址 {next}"));
                }

                if (redirects >= _options.MaxRedirects)
                {
                    return (null, Finding(SiteFindingCodes.RedirectOffSite, $"the site redirects more than {_options.MaxRedirects} times", $"网站跳转超过 {_options.MaxRedirects} 次"));
                }

                url = next;
                continue;
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                return (null, Finding(SiteFindingCodes.HttpStatus, $"the home page answered {status}", $"首页返回状态码 {status}"));
            }

            var (mediaType, charset) = ContentType(response.Content.Headers);
            if (mediaType is not ("text/html" or "application/xhtml+xml"))
            {
                return (null, Finding(SiteFindingCodes.NotHtml, $"the home page is {mediaType ?? "of no stated type"}, not HTML", "首页不是 HTML 页面"));
            }

            var encodings = response.Content.Headers.ContentEncoding;
            if (encodings.Count == 0 && response.Content.Headers.ContentLength > _options.MaxPageBytes)
            {
                return (null, TooLarge());
            }

            var bytes = await ReadCappedAsync(response, cancellationToken).ConfigureAwait(false);
            if (bytes is null)
            {
                return (null, TooLarge());
            }

            return (PageDecoder.Decode(bytes.Value, charset), null);
        }
    }

    // The media type and charset; a header .NET cannot parse (a stray quote, say) is read leniently, as a browser
    // reads it, rather than taken for "no type".
    private static (string? MediaType, string? Charset) ContentType(System.Net.Http.Headers.HttpContentHeaders headers)
    {
        if (headers.ContentType is { } parsed)
        {
            return (parsed.MediaType?.ToLowerInvariant(), parsed.CharSet);
        }

        if (!headers.NonValidated.TryGetValues("Content-Type", out var values) || values.Count == 0)
        {
            return (null, null);
        }

        var raw = values.First();
        var semicolon = raw.IndexOf(';', StringComparison.Ordinal);
        var media = (semicolon < 0 ? raw : raw[..semicolon]).Trim().ToLowerInvariant();
        var at = raw.IndexOf("charset=", StringComparison.OrdinalIgnoreCase);
        var charset = at < 0 ? null : raw[(at + 8)..].Split(';')[0].Trim().Trim('"', '\'').Trim();
        return (media.Length == 0 ? null : media, string.IsNullOrEmpty(charset) ? null : charset);
    }

    private SiteFinding TooLarge() => Finding(SiteFindingCodes.TooLarge, $"the home page is larger than {_options.MaxPageBytes} bytes", "首页过大");

    // Reads the body, decompressing what the handler left compressed, and stops one byte past the cap: the cap holds
    // on what is decoded, so a small gzip bomb is cut off as soon as it has grown past the cap.
    private async Task<ArraySegment<byte>?> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        foreach (var encoding in response.Content.Headers.ContentEncoding.Reverse())
        {
            stream = encoding.Trim().ToLowerInvariant() switch
            {
                "gzip" or "x-gzip" => new GZipStream(stream, CompressionMode.Decompress),
                "deflate" => new ZLibStream(stream, CompressionMode.Decompress),
                "br" => new BrotliStream(stream, CompressionMode.Decompress),
                "identity" => stream,
                _ => throw new NotSupportedException($"the home page is sent with the content coding '{encoding}', which the verifier cannot read"),
            };
        }

        await using (stream.ConfigureAwait(false))
        {
            var cap = _options.MaxPageBytes;
            var buffer = new MemoryStream((int)Math.Min(response.Content.Headers.ContentLength ?? 64 * 1024, cap));
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > cap)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return new ArraySegment<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
    }

    // One pass over the page's start tags: the first footer, the first embed code and the <body> tag. Tags, not
    // regular expressions, so the work stays linear in the page whatever its markup.
    internal static (BadgePresentation Presentation, string? BadgeId, Uri? Link, int Index, int Length, int BodyStart) FindBadge(string html)
    {
        var body = -1;
        HtmlTag? embed = null;
        string? embedId = null;
        string? embedSource = null;
        foreach (var tag in HtmlTagScanner.StartTags(html))
        {
            if (tag.Name == "body" && body < 0)
            {
                body = tag.Start;
            }
            else if (tag.Name == "div" && HtmlTagScanner.TryGetAttribute(html, tag, "data-online-badge", out var id) && id.Length > 0)
            {
                foreach (var inner in HtmlTagScanner.StartTags(html, tag.End))
                {
                    // Up to the next candidate at most, so no tag is looked at by more than two loops.
                    if (inner.Start > tag.End + 2000 || (inner.Name == "div" && HtmlTagScanner.TryGetAttribute(html, inner, "data-online-badge", out _)))
                    {
                        break;
                    }

                    if (inner.Name == "a" && HtmlTagScanner.TryGetAttribute(html, inner, "href", out var href) && href.Length > 0)
                    {
                        var close = html.IndexOf("</div>", tag.Start, StringComparison.OrdinalIgnoreCase);
                        var length = close < 0 ? inner.End - tag.Start : close + 6 - tag.Start;
                        return (BadgePresentation.Footer, WebUtility.HtmlDecode(id), Link(href), tag.Start, length, body < 0 ? 0 : body);
                    }
                }
            }
            else if (embed is null && tag.Name == "script"
                && HtmlTagScanner.TryGetAttribute(html, tag, "data-badge-id", out var scriptId) && scriptId.Length > 0
                && HtmlTagScanner.TryGetAttribute(html, tag, "src", out var src) && src.Length > 0)
            {
                embed = tag;
                embedId = scriptId;
                embedSource = src;
            }
        }

        var bodyStart = body < 0 ? 0 : body;
        if (embed is { } script)
        {
            var close = html.IndexOf("</noscript>", script.Start, StringComparison.OrdinalIgnoreCase);
            var length = close < 0 ? script.Length : close + 11 - script.Start;
            return (BadgePresentation.EmbedCode, WebUtility.HtmlDecode(embedId), Link(embedSource!), script.Start, length, bodyStart);
        }

        // The legacy detector's expressions run only on pages that name the legacy badge at all.
        if (html.Contains("_ideConac", StringComparison.OrdinalIgnoreCase))
        {
            var legacy = LegacyBadgeDetector.Find(html);
            if (legacy.Count > 0)
            {
                var loaderId = legacy[0].LoaderUrl is { } loader ? LegacyLoaderId().Match(loader) : Match.Empty;
                var legacyId = legacy[0].LegacyId ?? (loaderId.Success ? loaderId.Groups["id"].Value.ToLowerInvariant() : null);
                return (BadgePresentation.Legacy, legacyId, null, legacy[0].Index, legacy[0].Length, bodyStart);
            }
        }

        return (BadgePresentation.None, null, null, -1, 0, bodyStart);
    }

    // The badge must come after at least (1 - BottomFraction) of the body's other content, measured in characters
    // from <body to the last </body> with the badge's own markup left out (so a large badge on a short page does
    // not count against it).
    private bool AtBottom(string html, int start, int badgeStart, int badgeLength)
    {
        var end = html.LastIndexOf("</body", StringComparison.OrdinalIgnoreCase);
        if (end < badgeStart + badgeLength)
        {
            end = html.Length;
        }

        var others = (end - start) - badgeLength;
        return others <= 0 || (badgeStart - start) >= others * (1 - _options.BottomFraction);
    }

    private static bool IsBadgeId(string? id) =>
        id is { Length: > 0 and <= 64 } && !id.AsSpan().ContainsAnyExcept(BadgeIdCharacters);

    private static readonly System.Buffers.SearchValues<char> BadgeIdCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.");

    private static bool IsWeb(Uri uri) => uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps;

    // A redirect is followed on the site's own scheme and port to a host its domain covers, or to https on 443 when
    // the site was asked for over http (the usual upgrade). Another port or scheme of a covered host may be another
    // service altogether (an admin panel, a test instance), which the badge does not vouch for.
    internal static bool SameSite(Uri site, Uri next, SiteDomain domain) =>
        domain.CoversHost(next.IdnHost)
        && ((next.Scheme == site.Scheme && next.Port == site.Port)
            || (site.Scheme == Uri.UriSchemeHttp && next.Scheme == Uri.UriSchemeHttps && next.Port == 443));

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

    // A loader whose file name is the 32-hex legacy id (the emulator's stand-in for the old script host).
    [GeneratedRegex("""/(?<id>[0-9A-Fa-f]{32})\.js(?:[?#]|$)""", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex LegacyLoaderId();
}
