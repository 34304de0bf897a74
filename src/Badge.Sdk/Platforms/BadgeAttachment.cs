using System.Text.Json.Serialization;

namespace Badge.Sdk.Platforms;

/// <summary>How the badge reaches the account at the end.</summary>
[JsonConverter(typeof(Badge.Sdk.Identity.StrictEnumConverter<BadgeAttachment>))]
public enum BadgeAttachment
{
    /// <summary>The platform reviews the application and attaches the badge when it approves (平台会代为加注).</summary>
    PlatformAfterReview,

    /// <summary>The platform attaches it from the institution's census record, with no action by the operator.</summary>
    FromCensusRecord,
}
