namespace Badge.Sdk.Issuance;

/// <summary>
/// Imports a badge of the predecessor system (CONAC 党政机关/事业单位网站标识) so it can be superseded by a new one
/// (the authority's central replacement of old badges). Authority key only.
/// </summary>
public sealed record ImportLegacyBadgeRequest
{
    /// <summary>The legacy id: the 32 hexadecimal characters of its <c>bszs.conac.cn</c> certificate link.</summary>
    public string? LegacyId { get; init; }

    /// <summary>The institution's unified social credit code.</summary>
    public string? Uscc { get; init; }

    /// <summary>The organizer name on the legacy certificate.</summary>
    public string? OrganizerName { get; init; }

    /// <summary>The site's online name.</summary>
    public string? OnlineName { get; init; }

    /// <summary>The site's domain.</summary>
    public string? Domain { get; init; }
}
