namespace Badge.Sdk.Verification;

/// <summary>How the badge appears in the page.</summary>
public enum BadgePresentation
{
    /// <summary>No badge was found.</summary>
    None,

    /// <summary>The footer the middleware (or <c>BadgeFooterRenderer</c>) writes.</summary>
    Footer,

    /// <summary>The authority's embed code, pasted into the page.</summary>
    EmbedCode,

    /// <summary>A legacy (CONAC, <c>_ideConac</c>) badge, replaced centrally by the authority.</summary>
    Legacy,
}

