using System.Text.Json.Serialization;

namespace Badge.Sdk.Platforms;

/// <summary>What a step needs before it counts as done.</summary>
[Flags]
[JsonConverter(typeof(Badge.Sdk.Identity.StrictEnumConverter<StepNeeds>))]
public enum StepNeeds
{
    /// <summary>Nothing but the actor's word.</summary>
    None = 0,

    /// <summary>The unified social credit code and the institution name typed exactly as registered.</summary>
    ExactIdentity = 1,

    /// <summary>The platform's agreement accepted.</summary>
    Agreement = 2,

    /// <summary>The contact person's own scan of the platform's second QR code.</summary>
    ContactScan = 4,

    /// <summary>The certified nickname and naming chosen.</summary>
    Nickname = 8,

    /// <summary>Invoice details given.</summary>
    Invoice = 16,

    /// <summary>The platform's fee paid (a platform's business: the authority's services are free).</summary>
    Fee = 32,

    /// <summary>An operator grant at the authority (the step is the grant itself).</summary>
    OperatorGrant = 64,

    /// <summary>The identity check: a QR challenge (or deep link) answered by the institution's credential app.</summary>
    IdentityCheck = 128,

    /// <summary>
    /// The unified social credit code typed correctly into the platform's form (确保正确填写统一社会信用代码); the
    /// institution name as typed is recorded, not compared. <see cref="ExactIdentity"/> compares both.
    /// </summary>
    CorrectCode = 256,
}
