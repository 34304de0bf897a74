using System.Text.Json.Serialization;

namespace Badge.Sdk.Platforms;

/// <summary>What a <see cref="CertificationTransition"/> records.</summary>
[JsonConverter(typeof(Badge.Sdk.Identity.StrictEnumConverter<CertificationEvent>))]
public enum CertificationEvent
{
    /// <summary>The operator started the certification.</summary>
    Started,

    /// <summary>A prerequisite does not hold; the certification waits for it.</summary>
    Blocked,

    /// <summary>A step was completed.</summary>
    StepCompleted,

    /// <summary>Every step is done; the platform reviews.</summary>
    AwaitingReview,

    /// <summary>The platform's review approved.</summary>
    ReviewApproved,

    /// <summary>The platform's review refused.</summary>
    ReviewRejected,

    /// <summary>The operator resumed a rejected certification from a step.</summary>
    Resumed,

    /// <summary>The badge was issued for the account.</summary>
    Attached,

    /// <summary>The census route could not attach the badge from the census record.</summary>
    CensusRefused,
}
