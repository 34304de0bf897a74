using System.Security.Cryptography;
using Badge.Authority.Security;
using Badge.Authority.Storage;
using Badge.Sdk.Credentials;
using Badge.Sdk.Issuance;

namespace Badge.Authority.Api;

/// <summary>Credential certificates: for institutions, their administrators and platforms, and their revocation status.</summary>
internal static class CredentialEndpoints
{
    public static RouteGroupBuilder MapCredentialEndpoints(this RouteGroupBuilder api)
    {
        var credentials = api.MapGroup(string.Empty).WithTags("Credentials");
        credentials.MapPost("/credentials", IssueInstitutionCredential).WithName("IssueCredential")
            .WithSummary("Issue an institution credential certificate (ECDSA P-256) for a CSR")
            .Produces<Badge.Sdk.Credentials.IssuedCredential>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
        credentials.MapPost("/platform-credentials", IssuePlatformCredential).WithName("IssuePlatformCredential")
            .WithSummary("Issue a platform certificate for a CSR")
            .Produces<Badge.Sdk.Credentials.IssuedCredential>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
        credentials.MapPost("/credentials/{serial}/revoke", RevokeCredential).WithName("RevokeCredential")
            .Produces<Badge.Sdk.Credentials.CredentialStatus>().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        credentials.MapGet("/credentials/{serial}/status", CredentialStatusHandler).WithName("CredentialStatus")
            .WithSummary("Whether a credential certificate holds (the revocation data verifiers check)")
            .Produces<Badge.Sdk.Credentials.CredentialStatus>();
        return api;
    }

    private static IResult IssueInstitutionCredential(CredentialRequest? body, HttpContext context, IAuthorityStore store, CertificateAuthority ca, TimeProvider time)
    {
        var principal = context.GetPrincipal();
        if (principal.Role != PrincipalRole.Institution)
        {
            return principal.Role == PrincipalRole.Anonymous ? Problems.Unauthorized() : Problems.Forbidden("institution credentials are issued to institution keys");
        }

        var institution = store.GetInstitution(principal.Subject)!;
        if (body?.AdministratorId is not null || body?.EnrollmentCode is not null)
        {
            return IssueAdministratorCredential(body, institution, ca, store, time);
        }

        return IssueCredential(body, ca, store, time, CertificateAuthority.InstitutionSubject(institution.Uscc, institution.Name), "institution", institution.Uscc);
    }

    private static IResult IssuePlatformCredential(CredentialRequest? body, HttpContext context, IAuthorityStore store, CertificateAuthority ca, TimeProvider time)
    {
        var principal = context.GetPrincipal();
        if (principal.Role != PrincipalRole.Platform)
        {
            return principal.Role == PrincipalRole.Anonymous ? Problems.Unauthorized() : Problems.Forbidden("platform certificates are issued to platform keys");
        }

        var name = store.GetPlatformName(principal.Subject) ?? principal.Subject;
        var subject = new System.Security.Cryptography.X509Certificates.X500DistinguishedNameBuilder();
        subject.AddCountryOrRegion("CN");
        subject.AddOrganizationName(name);
        subject.AddOrganizationalUnitName("platform:" + principal.Subject);
        subject.AddCommonName(name);
        return IssueCredential(body, ca, store, time, subject.Build(), "platform:" + principal.Subject, "platform:" + principal.Subject);
    }

    private static IResult IssueCredential(
        CredentialRequest? body, CertificateAuthority ca, IAuthorityStore store, TimeProvider time,
        System.Security.Cryptography.X509Certificates.X500DistinguishedName subject, string role, string owner)
    {
        if (string.IsNullOrWhiteSpace(body?.Csr))
        {
            return Problems.Missing("csr");
        }

        byte[] csr;
        try
        {
            csr = Convert.FromBase64String(body.Csr.Trim());
        }
        catch (FormatException)
        {
            return Problems.Invalid("csr", "invalid_csr", "csr: not base64 (give the DER-encoded PKCS#10 request, base64)");
        }

        System.Security.Cryptography.X509Certificates.X509Certificate2 certificate;
        try
        {
            certificate = ca.Issue(csr, subject, role, TimeSpan.FromDays(730));
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            return Problems.Invalid("csr", "invalid_csr", "csr: " + ex.Message);
        }

        using (certificate)
        {
            var now = time.GetUtcNow();
            store.InsertCredential(new CredentialRow(certificate.SerialNumber, owner, now, certificate.NotAfter.ToUniversalTime(), null, null));
            return TypedResults.Created($"/api/v1/credentials/{certificate.SerialNumber}/status", new Badge.Sdk.Credentials.IssuedCredential
            {
                SerialNumber = certificate.SerialNumber,
                Certificate = Convert.ToBase64String(certificate.RawData),
                Chain = [Convert.ToBase64String(ca.Issuing.RawData), Convert.ToBase64String(ca.Root.RawData)],
                NotAfter = certificate.NotAfter.ToUniversalTime(),
            });
        }
    }

    private static IResult RevokeCredential(string serial, HttpContext context, IAuthorityStore store, TimeProvider time)
    {
        var principal = context.GetPrincipal();
        if (principal.Role == PrincipalRole.Anonymous)
        {
            return Problems.Unauthorized();
        }

        var credential = store.GetCredential(serial.ToUpperInvariant());
        if (credential is null)
        {
            return Problems.Create(StatusCodes.Status404NotFound, "unknown_credential", "serial", $"no credential has the serial number '{serial}'");
        }

        var owner = principal.Role == PrincipalRole.Platform ? "platform:" + principal.Subject : principal.Subject;
        if (principal.Role != PrincipalRole.Authority && owner != credential.Owner)
        {
            return Problems.Forbidden("this credential belongs to someone else");
        }

        if (!store.RevokeCredential(credential.SerialNumber, principal.Name, time.GetUtcNow()))
        {
            return Problems.Create(StatusCodes.Status409Conflict, "invalid_state", "serial", "the credential was revoked before");
        }

        return TypedResults.Ok(Status(store.GetCredential(credential.SerialNumber)!));
    }

    private static Microsoft.AspNetCore.Http.HttpResults.Ok<Badge.Sdk.Credentials.CredentialStatus> CredentialStatusHandler(string serial, IAuthorityStore store) =>
        store.GetCredential(serial.ToUpperInvariant()) is { } credential
            ? TypedResults.Ok(Status(credential))
            : TypedResults.Ok(new Badge.Sdk.Credentials.CredentialStatus { SerialNumber = serial, Status = Badge.Sdk.Credentials.CredentialState.Unknown });

    private static Badge.Sdk.Credentials.CredentialStatus Status(CredentialRow row) => new()
    {
        SerialNumber = row.SerialNumber,
        Status = row.RevokedAt is null ? Badge.Sdk.Credentials.CredentialState.Good : Badge.Sdk.Credentials.CredentialState.Revoked,
        RevokedAt = row.RevokedAt,
    };

    // An administrator's own credential: the institution's key asks, with the person's one-time enrolment code (the
    // primary administrator's from registration, an appointed one's from the signed appointment). The certificate's
    // role names the administrator, so what they sign later says who signed it.
    private static IResult IssueAdministratorCredential(CredentialRequest body, InstitutionRow institution, CertificateAuthority ca, IAuthorityStore store, TimeProvider time)
    {
        if (Fields.Identifier(body.AdministratorId, "administratorId") is { } p0)
        {
            return p0;
        }

        var administrator = body.AdministratorId!.Trim();
        if (string.IsNullOrWhiteSpace(body.EnrollmentCode))
        {
            return Problems.Missing("enrollmentCode");
        }

        if (!store.IsAdministrator(institution.Uscc, administrator))
        {
            return Problems.Create(StatusCodes.Status403Forbidden, AuthorityErrorCodes.NotAnAdministrator, "administratorId",
                $"'{administrator}' is neither the primary administrator nor an appointed administrator of {institution.Uscc}");
        }

        if (string.IsNullOrWhiteSpace(body.Csr))
        {
            return Problems.Missing("csr");
        }

        // The code is spent only once the request is otherwise sound: a typo in the CSR does not burn it.
        byte[] csr;
        try
        {
            csr = Convert.FromBase64String(body.Csr.Trim());
            _ = System.Security.Cryptography.X509Certificates.CertificateRequest.LoadSigningRequest(
                csr, HashAlgorithmName.SHA256, System.Security.Cryptography.X509Certificates.CertificateRequestLoadOptions.Default);
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return Problems.Invalid("csr", "invalid_csr", "csr: not a DER-encoded PKCS#10 request in base64");
        }

        if (!store.UseEnrollmentCode(ApiKeys.Hash(body.EnrollmentCode.Trim()), institution.Uscc, administrator, time.GetUtcNow()))
        {
            return Problems.Create(StatusCodes.Status403Forbidden, AuthorityErrorCodes.InvalidEnrollmentCode, "enrollmentCode",
                $"enrollmentCode: not an unused enrolment code of '{administrator}' at {institution.Uscc}");
        }

        return IssueCredential(body, ca, store, time, CertificateAuthority.InstitutionSubject(institution.Uscc, institution.Name),
            AdministratorSignature.RolePrefix + administrator, institution.Uscc);
    }
}
