using System.Text.Json.Serialization;

namespace Badge.Sdk.Issuance;

/// <summary>The state of a badge at the authority.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BadgeStatus>))]
public enum BadgeStatus
{
    /// <summary>In force: the badge vouches for its site or account.</summary>
    [JsonStringEnumMemberName("active")]
    Active,

    /// <summary>Withdrawn (the institution closed, the site was retired); it vouches for nothing.</summary>
    [JsonStringEnumMemberName("revoked")]
    Revoked,

    /// <summary>Replaced by another badge (legacy migration); <c>SupersededBy</c> names the successor.</summary>
    [JsonStringEnumMemberName("superseded")]
    Superseded,
}
