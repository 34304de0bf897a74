using System.Text.Json.Serialization;
using Badge.Sdk.Platforms;

namespace Badge.Sdk.Challenges;

/// <summary>Where a challenge stands.</summary>
[JsonConverter(typeof(Badge.Sdk.Identity.StrictEnumConverter<ChallengeState>))]
public enum ChallengeState
{
    /// <summary>Created; the QR is shown.</summary>
    Pending,

    /// <summary>The credential app fetched the request.</summary>
    Scanned,

    /// <summary>A valid answer consumed the challenge.</summary>
    Approved,

    /// <summary>The platform attached the badge.</summary>
    Completed,

    /// <summary>The operator declined (a signed deny) or the platform cancelled.</summary>
    Denied,

    /// <summary>Not answered in time.</summary>
    Expired,

    /// <summary>Withdrawn by the platform.</summary>
    Cancelled,

    /// <summary>An answer was refused; see the reason.</summary>
    Rejected,
}
