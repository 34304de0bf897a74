namespace Badge.Sdk.Issuance;

/// <summary>The primary administrator appoints an administrator, who may then grant operators.</summary>
public sealed record AdministratorAppointmentRequest
{
    /// <summary>The administrator being appointed.</summary>
    public string? AdministratorId { get; init; }

    /// <summary>
    /// The appointment signed by the primary administrator's own credential
    /// (<see cref="Badge.Sdk.Credentials.AdministratorSignature.SignAppointment"/>).
    /// </summary>
    public string? Signature { get; init; }
}
