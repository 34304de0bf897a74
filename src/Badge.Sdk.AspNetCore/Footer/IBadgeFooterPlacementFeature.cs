namespace Badge.Sdk.AspNetCore.Footer;

/// <summary>
/// Set on a request whose response may get the footer: the fragment for the tag helper, and whether the tag helper
/// placed it (then the middleware adds none). A feature rather than an <c>Items</c> entry, which would allocate a
/// dictionary per request.
/// </summary>
internal interface IBadgeFooterPlacementFeature
{
    FooterEntry Entry { get; }

    bool PlacedByTagHelper { get; set; }
}
