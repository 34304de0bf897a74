namespace Badge.Sdk.Credentials;

// The body of POST /api/v1/credentials and /platform-credentials: a wire shape, built only by the client.
internal sealed record CredentialRequest
{
    /// <summary>The PKCS#10 certificate signing request, DER, base64 (its signature proves possession of the key).</summary>
    public string? Csr { get; init; }

    /// <summary>
    /// For an administrator's own credential: the administrator's id (the primary administrator, or one appointed).
    /// Leave <see langword="null"/> for the institution's credential.
    /// </summary>
    public string? AdministratorId { get; init; }

    /// <summary>
    /// For an administrator's credential: the one-time enrolment code the authority gave that person (the primary
    /// administrator's at registration; an appointed administrator's in the appointment's answer).
    /// </summary>
    public string? EnrollmentCode { get; init; }
}
