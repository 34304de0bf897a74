using Badge.Sdk.Platforms;

namespace Badge.Sdk.Issuance;

/// <summary>An appointment made: the appointed administrator enrols their own credential with the code.</summary>
public sealed record AdministratorAppointment
{
    /// <summary>The administrator appointed.</summary>
    public required string AdministratorId { get; init; }

    /// <summary>Who appointed them (the verified signer).</summary>
    public required string AppointedBy { get; init; }

    /// <summary>
    /// The one-time code with which the appointed administrator obtains their credential
    /// (<c>ICredentialAuthorityClient.IssueAdministratorCredentialAsync</c>); hand it to that person only.
    /// </summary>
    public required string EnrollmentCode { get; init; }
}
