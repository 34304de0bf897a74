using System.Text.Json.Serialization;

namespace Badge.Sdk.Platforms;

/// <summary>What must hold before step one.</summary>
[JsonConverter(typeof(Badge.Sdk.Identity.StrictEnumConverter<PrerequisiteKind>))]
public enum PrerequisiteKind
{
    /// <summary>The operator holds a grant of the credential for this account (checked at the authority).</summary>
    OperatorGrant,

    /// <summary>The institution filed a census record for this verified account (checked at the authority).</summary>
    CensusRecord,

    /// <summary>A check the operator makes and confirms (for example "the top left says 小程序").</summary>
    OperatorConfirms,
}
