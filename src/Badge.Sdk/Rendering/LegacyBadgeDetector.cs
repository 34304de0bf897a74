using System.Text.RegularExpressions;

namespace Badge.Sdk.Rendering;

/// <summary>How a legacy (CONAC) badge appears in a page.</summary>
public enum LegacyBadgeForm
{
    /// <summary>The pasted loader: <c>&lt;script&gt;document.write(unescape("%3Cspan id='_ideConac' …"))&lt;/script&gt;</c>.</summary>
    PastedLoader,

    /// <summary>The markup the loader produces: <c>&lt;span id="_ideConac"&gt;&lt;a href="//bszs.conac.cn/sitename?method=show&amp;id=…"&gt;…&lt;/span&gt;</c>.</summary>
    Rendered,
}

/// <summary>A legacy badge found in a page.</summary>
/// <param name="Form">How it appears.</param>
/// <param name="Index">Where its markup starts (a character index into the page text).</param>
/// <param name="Length">How long its markup is.</param>
/// <param name="LegacyId">The 32-hex-character certificate id, when the markup shows it (rendered form).</param>
/// <param name="LoaderUrl">The loader script's address, for the pasted form.</param>
public sealed record LegacyBadgeMatch(LegacyBadgeForm Form, int Index, int Length, string? LegacyId, string? LoaderUrl);

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
