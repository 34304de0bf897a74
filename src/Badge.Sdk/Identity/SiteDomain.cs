using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Text.Json.Serialization;

namespace Badge.Sdk.Identity;

/// <summary>
/// A website's domain as a badge vouches for it: normalised with IDNA (UTS 46) to its ASCII form for comparison,
/// with its Unicode form kept for display (<c>万载政府网.政务</c> ⇄ <c>xn--chq171bv3e1m4am5q.xn--zfr164b</c>).
/// </summary>
/// <remarks>
/// <para>
/// Parsing accepts a host or a URL a person pastes (<c>https://www.北京.政务/index.html</c>): the scheme, path,
/// query, fragment and user information are dropped, full-width dots become dots, and one trailing dot is removed.
/// IP literals, ports, empty labels, labels over 63 and names over 253 characters (ASCII form) are refused with
/// the reason. Only syntax is checked, not registration: <c>localhost</c> and <c>*.test</c> names are valid.
/// </para>
/// <para>
/// Two domains are equal when their ASCII forms are. <see cref="ToString()"/> gives the Unicode form (format
/// <c>"A"</c> gives the ASCII form). <see langword="default"/> is the uninitialised value (<see cref="IsDefault"/>).
/// </para>
/// </remarks>
[JsonConverter(typeof(IdentityJsonConverter<SiteDomain>))]
public readonly struct SiteDomain : IEquatable<SiteDomain>, IParsable<SiteDomain>, IFormattable
{
    /// <summary>The ASCII (punycode) form of the government top-level domain <c>.政务</c>.</summary>
    public const string GovernmentTopLevelDomainAscii = "xn--zfr164b";

    /// <summary>The ASCII (punycode) form of the public-interest top-level domain <c>.公益</c>.</summary>
    public const string PublicInterestTopLevelDomainAscii = "xn--55qw42g";

    /// <summary>The longest domain allowed, in characters of its ASCII form.</summary>
    public const int MaxLength = 253;

    /// <summary>The longest label allowed, in characters of its ASCII form.</summary>
    public const int MaxLabelLength = 63;

    private const string ValueKind = "domain";
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    private readonly string? _ascii;
    private readonly string? _unicode;

    private SiteDomain(string ascii, string unicode)
    {
        _ascii = ascii;
        _unicode = unicode;
    }

    /// <summary>Whether this is the uninitialised <see langword="default"/> value rather than a parsed domain.</summary>
    public bool IsDefault => _ascii is null;

    /// <summary>The ASCII form (lower case, punycode labels), used for every comparison.</summary>
    public string Ascii => _ascii ?? throw DefaultError();

    /// <summary>The Unicode form, for display.</summary>
    public string Unicode => _unicode ?? throw DefaultError();

    /// <summary>Whether the domain is under <c>.gov.cn</c> or <c>.政务</c>, the suffixes of government organs.</summary>
    public bool IsGovernmentDomain =>
        EndsWithLabels(Ascii, "gov.cn") || EndsWithLabels(Ascii, GovernmentTopLevelDomainAscii);

    /// <summary>Whether the domain is under <c>.公益</c>, the suffix of public institutions.</summary>
    public bool IsPublicInterestDomain => EndsWithLabels(Ascii, PublicInterestTopLevelDomainAscii);

    /// <summary>Parses a host or a pasted URL.</summary>
    /// <param name="s">The host or URL as typed.</param>
    /// <returns>The domain.</returns>
    /// <exception cref="IdentityFormatException">The input is not a valid domain; the exception says why.</exception>
    public static SiteDomain Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return TryParse(s, out var domain, out var problem)
            ? domain
            : throw new IdentityFormatException(ValueKind, [problem]);
    }

    /// <inheritdoc cref="Parse(string)"/>
    /// <param name="s">The host or URL as typed.</param>
    /// <param name="provider">Ignored.</param>
    public static SiteDomain Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <summary>Tries to parse a host or a pasted URL.</summary>
    /// <param name="s">The host or URL as typed.</param>
    /// <param name="result">The domain, or <see langword="default"/>.</param>
    /// <returns>Whether the input is a valid domain.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, out SiteDomain result) => TryParse(s, out result, out _);

    /// <inheritdoc cref="TryParse(string, out SiteDomain)"/>
    /// <param name="s">The host or URL as typed.</param>
    /// <param name="provider">Ignored.</param>
    /// <param name="result">The domain, or <see langword="default"/>.</param>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out SiteDomain result) =>
        TryParse(s, out result, out _);

    /// <summary>Tries to parse a host or a pasted URL, saying why it is not valid when it is not.</summary>
    /// <param name="s">The host or URL as typed.</param>
    /// <param name="result">The domain, or <see langword="default"/>.</param>
    /// <param name="problem">Why the input is not valid, or <see langword="null"/>.</param>
    /// <returns>Whether the input is a valid domain.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, out SiteDomain result, [NotNullWhen(false)] out IdentityProblem? problem)
    {
        result = default;
        problem = Check(s, out var ascii, out var unicode);
        if (problem is not null)
        {
            return false;
        }

        result = new SiteDomain(ascii!, unicode!);
        return true;
    }

    /// <summary>
    /// Whether this domain covers <paramref name="other"/>: it is the same domain or one of its subdomains
    /// (<c>gov-a.test</c> covers <c>gov-a.test</c> and <c>www.gov-a.test</c>, not <c>evilgov-a.test</c>).
    /// </summary>
    /// <param name="other">The domain a badge is shown on.</param>
    /// <returns>Whether the badge's domain covers it.</returns>
    public bool Covers(SiteDomain other) => CoversAscii(Ascii, other.Ascii);

    /// <summary>
    /// Whether this domain covers a host name as it arrives in a request (ASCII or Unicode, any case, with or
    /// without a port); an invalid host is covered by nothing.
    /// </summary>
    /// <param name="host">The host, for example <c>www.gov-a.test:8080</c>.</param>
    /// <returns>Whether the badge's domain covers it.</returns>
    public bool CoversHost(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return false;
        }

        var span = host.AsSpan();
        var colon = span.LastIndexOf(':');
        if (colon > 0 && span[0] != '[')
        {
            span = span[..colon];
        }

        if (span.Length == Ascii.Length || (span.Length > Ascii.Length && span[^(Ascii.Length + 1)] == '.'))
        {
            if (span.EndsWith(Ascii, StringComparison.OrdinalIgnoreCase) && IsAscii(span))
            {
                return true;
            }
        }

        return !IsAscii(span) && TryParse(span.ToString(), out var parsed) && Covers(parsed);
    }

    /// <inheritdoc />
    public bool Equals(SiteDomain other) => string.Equals(_ascii, other._ascii, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SiteDomain other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _ascii is null ? 0 : StringComparer.Ordinal.GetHashCode(_ascii);

    /// <summary>The Unicode form; <see cref="string.Empty"/> for the <see langword="default"/> value.</summary>
    /// <returns>The display form.</returns>
    public override string ToString() => _unicode ?? string.Empty;

    /// <summary>Formats the domain: <c>"U"</c> or none for the Unicode form, <c>"A"</c> for the ASCII form.</summary>
    /// <param name="format"><c>"U"</c>, <c>"A"</c> or <see langword="null"/>.</param>
    /// <param name="formatProvider">Ignored.</param>
    /// <returns>The formatted domain.</returns>
    /// <exception cref="FormatException">The format is not one of those above.</exception>
    public string ToString(string? format, IFormatProvider? formatProvider) => format switch
    {
        null or "" or "U" or "u" => ToString(),
        "A" or "a" => _ascii ?? string.Empty,
        _ => throw new FormatException($"Unknown SiteDomain format '{format}': use \"U\" (Unicode) or \"A\" (ASCII)."),
    };

    /// <summary>Whether two domains are the same.</summary>
    /// <param name="left">A domain.</param>
    /// <param name="right">A domain.</param>
    /// <returns>Whether their ASCII forms are equal.</returns>
    public static bool operator ==(SiteDomain left, SiteDomain right) => left.Equals(right);

    /// <summary>Whether two domains differ.</summary>
    /// <param name="left">A domain.</param>
    /// <param name="right">A domain.</param>
    /// <returns>Whether their ASCII forms differ.</returns>
    public static bool operator !=(SiteDomain left, SiteDomain right) => !left.Equals(right);

    internal static bool CoversAscii(string badge, string site) =>
        site.Length == badge.Length
            ? string.Equals(site, badge, StringComparison.Ordinal)
            : site.Length > badge.Length && site[^(badge.Length + 1)] == '.' && site.EndsWith(badge, StringComparison.Ordinal);

    private static bool EndsWithLabels(string ascii, string suffix) => CoversAscii(suffix, ascii);

    private static bool IsAscii(ReadOnlySpan<char> s) => System.Text.Ascii.IsValid(s);

    private static InvalidOperationException DefaultError() =>
        new("This SiteDomain is the uninitialised default value; obtain one from Parse or TryParse.");

    private static IdentityProblem? Check(string? input, out string? ascii, out string? unicode)
    {
        ascii = null;
        unicode = null;
        var host = UnifiedSocialCreditCode.TrimWhite(input.AsSpan());
        if (host.IsEmpty)
        {
            return Problem(IdentityProblemCodes.Empty, "the domain is empty", "域名为空");
        }

        var scheme = host.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            host = host[(scheme + 3)..];
        }
        else if (host.StartsWith("//", StringComparison.Ordinal))
        {
            host = host[2..];
        }

        var end = host.IndexOfAny("/?#\\");
        if (end >= 0)
        {
            host = host[..end];
        }

        var at = host.LastIndexOf('@');
        if (at >= 0)
        {
            host = host[(at + 1)..];
        }

        if (host.IsEmpty)
        {
            return Problem(IdentityProblemCodes.Empty, "the domain is empty", "域名为空");
        }

        if (host[0] == '[' || IPAddress.TryParse(host, out _))
        {
            return Problem(
                IdentityProblemCodes.DomainIpLiteral,
                $"'{host}' is an IP address; a badge vouches for a domain name",
                $"“{host}”是 IP 地址，网上标识只能用于域名");
        }

        var colon = host.IndexOf(':');
        if (colon >= 0)
        {
            return Problem(
                IdentityProblemCodes.DomainPort,
                $"'{host}' carries a port ('{host[(colon + 1)..]}'); give the domain without a port",
                $"“{host}”含有端口号，请只填写域名");
        }

        // Ideographic and full-width full stops separate labels as '.' does (UTS 46 maps them).
        Span<char> mapped = host.Length <= 512 ? stackalloc char[host.Length] : new char[host.Length];
        for (var i = 0; i < host.Length; i++)
        {
            mapped[i] = host[i] is '\u3002' or '\uFF0E' or '\uFF61' ? '.' : host[i];
        }

        ReadOnlySpan<char> name = mapped;
        if (name.Length > 1 && name[^1] == '.')
        {
            name = name[..^1];
        }

        var labelIndex = 0;
        foreach (var range in name.Split('.'))
        {
            labelIndex++;
            var label = name[range];
            if (label.IsEmpty)
            {
                return Problem(
                    IdentityProblemCodes.DomainEmptyLabel,
                    $"label {labelIndex} of '{name}' is empty (two dots in a row, or a leading dot)",
                    $"域名“{name}”的第 {labelIndex} 段为空（连续的点或以点开头）");
            }

            if (IsAscii(label) && label.Length > MaxLabelLength)
            {
                return LabelTooLong(labelIndex, label.Length);
            }
        }

        string asciiName;
        try
        {
            asciiName = Idn.GetAscii(name.ToString()).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return Diagnose(name);
        }

        labelIndex = 0;
        var asciiSpan = asciiName.AsSpan();
        foreach (var range in asciiSpan.Split('.'))
        {
            labelIndex++;
            var length = range.End.GetOffset(asciiSpan.Length) - range.Start.GetOffset(asciiSpan.Length);
            if (length > MaxLabelLength)
            {
                return LabelTooLong(labelIndex, length);
            }
        }

        if (asciiName.Length > MaxLength)
        {
            return Problem(
                IdentityProblemCodes.DomainTooLong,
                $"the domain is {asciiName.Length} characters long in its ASCII form; at most {MaxLength} are allowed",
                $"域名（ASCII 形式）长 {asciiName.Length} 个字符，最多 {MaxLength} 个");
        }

        var lastDot = asciiName.LastIndexOf('.');
        var last = asciiName.AsSpan(lastDot + 1);
        if (!last.ContainsAnyExceptInRange('0', '9') || last.StartsWith("0x", StringComparison.Ordinal))
        {
            return Problem(
                IdentityProblemCodes.DomainIpLiteral,
                $"'{name}' is an IP address; a badge vouches for a domain name",
                $"“{name}”是 IP 地址，网上标识只能用于域名");
        }

        ascii = asciiName;
        unicode = Idn.GetUnicode(asciiName);
        return null;
    }

    // IDNA refused the whole name: find the label it refuses, or else the encoded length is what failed.
    private static IdentityProblem Diagnose(ReadOnlySpan<char> name)
    {
        var total = -1;
        var labelIndex = 0;
        foreach (var range in name.Split('.'))
        {
            labelIndex++;
            var label = name[range].ToString();
            string encoded;
            try
            {
                encoded = Idn.GetAscii(label);
            }
            catch (ArgumentException)
            {
                return Problem(
                    IdentityProblemCodes.DomainInvalid,
                    $"label {labelIndex} '{label}' is not valid in a domain name: allowed are letters, digits, Chinese characters and hyphens not at either end, at most {MaxLabelLength} characters once encoded",
                    $"域名第 {labelIndex} 段“{label}”无效：只允许字母、数字、汉字及不在首尾的连字符，编码后最多 {MaxLabelLength} 个字符");
            }

            total += encoded.Length + 1;
        }

        if (total > MaxLength)
        {
            return Problem(
                IdentityProblemCodes.DomainTooLong,
                $"the domain is {total} characters long in its ASCII form; at most {MaxLength} are allowed",
                $"域名（ASCII 形式）长 {total} 个字符，最多 {MaxLength} 个");
        }

        return Problem(
            IdentityProblemCodes.DomainInvalid,
            $"'{name}' is not a valid domain name under IDNA (UTS 46), for example mixing right-to-left and left-to-right labels",
            $"“{name}”不是有效的国际化域名");
    }

    private static IdentityProblem LabelTooLong(int labelIndex, int length) => Problem(
        IdentityProblemCodes.DomainLabelTooLong,
        $"label {labelIndex} is {length} characters long; at most {MaxLabelLength} are allowed",
        $"域名第 {labelIndex} 段长 {length} 个字符，最多 {MaxLabelLength} 个");

    private static IdentityProblem Problem(string code, string message, string chinese) => new(code, message, chinese);
}
