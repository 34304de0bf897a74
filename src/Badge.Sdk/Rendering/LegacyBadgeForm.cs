namespace Badge.Sdk.Rendering;

/// <summary>How a legacy (CONAC) badge appears in a page.</summary>
public enum LegacyBadgeForm
{
    /// <summary>The pasted loader: <c>&lt;script&gt;document.write(unescape("%3Cspan id='_ideConac' …"))&lt;/script&gt;</c>.</summary>
    PastedLoader,

    /// <summary>The markup the loader produces: <c>&lt;span id="_ideConac"&gt;&lt;a href="//bszs.conac.cn/sitename?method=show&amp;id=…"&gt;…&lt;/span&gt;</c>.</summary>
    Rendered,
}

