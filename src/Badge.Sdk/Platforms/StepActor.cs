using System.Text.Json.Serialization;

namespace Badge.Sdk.Platforms;

/// <summary>Who acts in a step.</summary>
[JsonConverter(typeof(Badge.Sdk.Identity.StrictEnumConverter<StepActor>))]
public enum StepActor
{
    /// <summary>The account operator (使用人), signed in at the platform.</summary>
    Operator,

    /// <summary>The institution's credential administrator (第一管理责任人 or 管理人).</summary>
    Administrator,

    /// <summary>The certification contact person (认证联系人), with their own phone.</summary>
    ContactPerson,

    /// <summary>The platform (its review, its attaching of the badge).</summary>
    Platform,

    /// <summary>The issuing authority.</summary>
    Authority,
}
