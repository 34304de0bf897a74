namespace Badge.Sdk.Rendering;

/// <summary>Where the footer sits in the bottom of the page.</summary>
public enum BadgePlacement
{
    /// <summary>Bottom centre, as the legacy badges hung (the default).</summary>
    Center,

    /// <summary>Bottom left.</summary>
    Left,

    /// <summary>Bottom right.</summary>
    Right,
}
