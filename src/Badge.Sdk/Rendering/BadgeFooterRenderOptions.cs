namespace Badge.Sdk.Rendering;

/// <summary>How <see cref="BadgeFooterRenderer"/> renders the footer fragment.</summary>
public sealed record BadgeFooterRenderOptions
{
    /// <summary>Where the badge sits. Default <see cref="BadgePlacement.Center"/>.</summary>
    public BadgePlacement Placement { get; init; } = BadgePlacement.Center;

    /// <summary>
    /// The same-origin path the stylesheet and the image are served from (by the middleware). Default <c>/_badge</c>.
    /// Must start with <c>/</c>.
    /// </summary>
    public string AssetPath { get; init; } = "/_badge";

    /// <summary>Whether clicking the badge opens the certificate page in a new tab. Default true.</summary>
    public bool OpenInNewTab { get; init; } = true;
}
