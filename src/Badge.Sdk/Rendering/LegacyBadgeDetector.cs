using System.Text.RegularExpressions;

namespace Badge.Sdk.Rendering;

/// <summary>
/// Finds the predecessor system's badge (党政机关/事业单位网站标识) in a page: the pasted
/// <c>document.write(unescape(…))</c> loader and the rendered <c>span#_ideConac</c> with its
/// <c>bszs.conac.cn</c> link. Used to replace old badges with new ones and by the site verifier.
/// </summary>
public static partial class LegacyBadgeDetector
{
    /// <summary>Finds every legacy badge in the page, in document order.</summary>
    /// <param name="html">The page text.</param>
    /// <returns>The matches.</returns>
    public static IReadOnlyList<LegacyBadgeMatch> Find(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var matches = new List<LegacyBadgeMatch>();
        foreach (Match m in Loader().Matches(html))
        {
            var decoded = Uri.UnescapeDataString(m.Groups["payload"].Value);
            var src = LoaderSource().Match(decoded);
            matches.Add(new LegacyBadgeMatch(LegacyBadgeForm.PastedLoader, m.Index, m.Length, null, src.Success ? src.Groups["src"].Value : null));
        }

        foreach (Match m in RenderedSpan().Matches(html))
        {
            if (matches.Any(x => m.Index >= x.Index && m.Index < x.Index + x.Length))
            {
                continue;
            }

            var id = CertificateLink().Match(m.Value);
            matches.Add(new LegacyBadgeMatch(LegacyBadgeForm.Rendered, m.Index, m.Length, id.Success ? id.Groups["id"].Value.ToLowerInvariant() : null, null));
        }

        matches.Sort((a, b) => a.Index.CompareTo(b.Index));
        return matches;
    }

    /// <summary>Whether the page carries a legacy badge.</summary>
    /// <param name="html">The page text.</param>
    /// <returns>Whether one was found.</returns>
    public static bool Contains(string html) => Find(html).Count > 0;

    [GeneratedRegex("""<script[^>]*>\s*document\.write\(\s*unescape\(\s*(?:"(?<payload>[^"]*_ideConac[^"]*)"|'(?<payload>[^']*_ideConac[^']*)')\s*\)\s*\)\s*;?\s*</script\s*>""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Loader();

    // Any source: the payload already carries _ideConac, and the loader may be served from a stand-in host (the emulator).
    [GeneratedRegex("""<script[^>]*\bsrc\s*=\s*["'](?<src>[^"']+)["']""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex LoaderSource();

    [GeneratedRegex("""<span[^>]*\bid\s*=\s*["']?_ideConac["']?[^>]*>.*?</span\s*>""", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex RenderedSpan();

    [GeneratedRegex("""bszs\.conac\.cn/sitename\?method=show&(?:amp;)?id=(?<id>[0-9A-Fa-f]{32})""", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex CertificateLink();
}
