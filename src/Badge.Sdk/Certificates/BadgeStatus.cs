using System.Text.Json.Serialization;

namespace Badge.Sdk.Certificates;

/// <summary>The state of a badge at the authority.</summary>
[JsonConverter(typeof(Badge.Sdk.Identity.StrictEnumConverter<BadgeStatus>))]
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

    /// <summary>
    /// Issued for a website whose domain control is not yet shown (<see cref="Issuance.BadgeRecord.DomainValidation"/> says
    /// how); it vouches for nothing, and its certificate page, image and footer show nothing, until it is active.
    /// </summary>
    [JsonStringEnumMemberName("pending")]
    Pending,
}
