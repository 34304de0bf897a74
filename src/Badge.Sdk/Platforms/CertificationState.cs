using System.Text.Json.Serialization;

namespace Badge.Sdk.Platforms;

/// <summary>Where a certification stands.</summary>
[JsonConverter(typeof(Badge.Sdk.Identity.StrictEnumConverter<CertificationState>))]
public enum CertificationState
{
    /// <summary>A prerequisite does not hold; see <see cref="Certification.BlockedBy"/> and the reason.</summary>
    Blocked,

    /// <summary>Walking the steps.</summary>
    InProgress,

    /// <summary>Every step done; the platform reviews.</summary>
    AwaitingReview,

    /// <summary>The census route: the platform attaches the badge from the census record.</summary>
    AwaitingCensusAttachment,

    /// <summary>The review approved; the badge is being issued (a retried review finishes it).</summary>
    Attaching,

    /// <summary>The platform's review refused; resume from a named step.</summary>
    Rejected,

    /// <summary>The badge is issued for the account.</summary>
    Completed,
}
