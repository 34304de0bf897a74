using Badge.Sdk.Issuance;

namespace Badge.Sdk.Platforms;

/// <summary>An actor's completion of one step, with what the step needs.</summary>
/// <param name="Actor">Who completes it (must be the step's actor).</param>
public sealed record StepCompletion(StepActor Actor)
{
    /// <summary>Which person or system.</summary>
    public string? ActorId { get; init; }

    /// <summary>For <see cref="StepNeeds.ExactIdentity"/> and <see cref="StepNeeds.CorrectCode"/>: the code typed into the platform's form.</summary>
    public string? Uscc { get; init; }

    /// <summary>For <see cref="StepNeeds.ExactIdentity"/>: the name typed into the platform's form.</summary>
    public string? InstitutionName { get; init; }

    /// <summary>For <see cref="StepNeeds.Agreement"/>.</summary>
    public bool AgreementAccepted { get; init; }

    /// <summary>For <see cref="StepNeeds.ContactScan"/>: the contact's name (the contact scanned with their own phone).</summary>
    public string? ContactName { get; init; }

    /// <summary>For <see cref="StepNeeds.Nickname"/>.</summary>
    public string? Nickname { get; init; }

    /// <summary>For <see cref="StepNeeds.Invoice"/>: the invoice title.</summary>
    public string? InvoiceTitle { get; init; }

    /// <summary>For <see cref="StepNeeds.Fee"/>: the payment's reference.</summary>
    public string? FeeReference { get; init; }

    /// <summary>For the identity step: the QR challenge the platform verified (approved).</summary>
    public string? ChallengeId { get; init; }
}
