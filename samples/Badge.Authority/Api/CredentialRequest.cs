using System.ComponentModel;

namespace Badge.Authority.Api;

// The body of POST /api/v1/credentials and /platform-credentials. The SDK builds it internally; the descriptions
// are attributes because the emulator's own XML comments do not reach the OpenAPI document.
[Description("Asks the authority's CA for a credential certificate.")]
internal sealed record CredentialRequest
{
    [Description("The PKCS#10 certificate signing request, DER, base64 (its signature proves possession of the key).")]
    public string? Csr { get; init; }

    [Description("For an administrator's own credential: the administrator's id (the primary administrator, or one appointed).\nLeave `null` for the institution's credential.")]
    public string? AdministratorId { get; init; }

    [Description("For an administrator's credential: the one-time enrolment code the authority gave that person (the primary\nadministrator's at registration; an appointed administrator's in the appointment's answer).")]
    public string? EnrollmentCode { get; init; }
}
