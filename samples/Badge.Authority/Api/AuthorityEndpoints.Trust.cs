using System.Security.Cryptography;
using Badge.Authority.Security;
using Badge.Authority.Storage;
using Badge.Sdk.Credentials;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Microsoft.Extensions.Options;

namespace Badge.Authority.Api;

// The endpoints whose trust the authority checks itself (issue #15): platform-account badges carry the
// institution's consent (or come from the census with the platform's confirmation); administrators sign what they do.
internal static partial class AuthorityEndpoints
{
    // A platform key alone issues for nobody: the badge needs the institution's consent, or, on the census route, a
    // verified census record with the platform's own confirmation of the account's subject. The authority's own key
    // acts in person (it verified the institution itself) and needs neither.
    private static IResult? PlatformAccountProof(
        IssueBadgeRequest request, Principal principal, string platform, string account, UnifiedSocialCreditCode uscc, IAuthorityStore store, CertificateAuthority ca,
        AuthorityOptions options, DateTimeOffset now, out string? proofKey, out string consentedBy)
    {
        proofKey = null;
        consentedBy = string.Empty;
        if (principal.Role == PrincipalRole.Authority && request.Consent is null && request.CensusRecordId is null)
        {
            return null;
        }

        if (request.CensusRecordId is not null)
        {
            if (request.Consent is not null)
            {
                return Problems.Invalid("censusRecordId", "invalid_field", "censusRecordId: give the institution's consent or a census record, not both");
            }

            return TrustChecks.Census(request.CensusRecordId, request.VerifiedSubject, platform, account, uscc, store);
        }

        var problem = TrustChecks.Consent(request.Consent, platform, account, uscc, store, ca, options, now, out var key, out var operatorId);
        proofKey = problem is null ? key : null;
        consentedBy = $"{operatorId} (consent via platform:{platform})";
        return problem;
    }

    private static IResult AppointAdministrator(
        string uscc, AdministratorAppointmentRequest? body, HttpContext context, IAuthorityStore store, CertificateAuthority ca, IOptions<AuthorityOptions> options, TimeProvider time)
    {
        if (OwnInstitution(context, uscc, out var institution) is { } denied)
        {
            return denied;
        }

        if (Identifier(body?.AdministratorId, "administratorId") is { } p1)
        {
            return p1;
        }

        var administrator = body!.AdministratorId!.Trim();
        var now = time.GetUtcNow();
        if (TrustChecks.Administrator(
                body.Signature, AdministratorActions.Appoint, institution, primaryOnly: true, r => r.AdministratorId != administrator ? "administratorId" : null,
                store, ca, options.Value, now, out var signer) is { } unsigned)
        {
            return unsigned;
        }

        // The appointed administrator obtains their own credential with this code, once. The authority keeps its hash
        // (and, for a retried call, this response under its Idempotency-Key); the primary administrator hands it over.
        var code = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        store.AppointAdministrator(institution.Uscc, administrator, signer, now);
        store.PutEnrollmentCode(ApiKeys.Hash(code), institution.Uscc, administrator, now);
        return TypedResults.Created(
            $"/api/v1/institutions/{institution.Uscc}/administrators/{Uri.EscapeDataString(administrator)}",
            new AdministratorAppointment { AdministratorId = administrator, AppointedBy = signer, EnrollmentCode = code });
    }

    private static IResult GrantOperator(
        string uscc, OperatorGrantRequest? body, HttpContext context, IAuthorityStore store, CertificateAuthority ca, IOptions<AuthorityOptions> options, TimeProvider time)
    {
        if (OwnInstitution(context, uscc, out var institution) is { } denied)
        {
            return denied;
        }

        if (body is null)
        {
            return Problems.Missing("body");
        }

        if (Platform(body.Platform, "platform", out var platform) is { } p0)
        {
            return p0;
        }

        if (InputRules.RegisteredPlatform(store, platform, "platform") is { } unknownPlatform)
        {
            return unknownPlatform;
        }

        if ((Identifier(body.AccountId, "accountId") ?? Identifier(body.OperatorId, "operatorId")) is { } p1)
        {
            return p1;
        }

        var account = body.AccountId!.Trim();
        var operatorId = body.OperatorId!.Trim();
        var now = time.GetUtcNow();
        if (TrustChecks.Administrator(
                body.Signature, AdministratorActions.Grant, institution, primaryOnly: false,
                r => r.Platform != platform.Value ? "platform" : r.AccountId != account ? "accountId" : r.OperatorId != operatorId ? "operatorId" : null,
                store, ca, options.Value, now, out var signer) is { } unsigned)
        {
            return unsigned;
        }

        var existing = store.FindActiveGrant(institution.Uscc, platform.Value, account, operatorId);
        if (existing is not null)
        {
            return TypedResults.Ok(ToGrant(existing));
        }

        var grant = new GrantRow(
            "grt-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10)), institution.Uscc, platform.Value, account, operatorId, signer, now, null, null);
        store.InsertGrant(grant);
        return TypedResults.Created($"/api/v1/institutions/{institution.Uscc}/operator-grants/{grant.Id}", ToGrant(grant));
    }

    private static IResult RevokeGrant(
        string uscc, string grantId, RevokeRequest? body, HttpContext context, IAuthorityStore store, CertificateAuthority ca, IOptions<AuthorityOptions> options, TimeProvider time)
    {
        if (OwnInstitution(context, uscc, out var institution) is { } denied)
        {
            return denied;
        }

        var now = time.GetUtcNow();
        if (TrustChecks.Administrator(
                body?.Signature, AdministratorActions.RevokeGrant, institution, primaryOnly: false, r => r.GrantId != grantId ? "grantId" : null,
                store, ca, options.Value, now, out var signer) is { } unsigned)
        {
            return unsigned;
        }

        if (store.GetGrant(grantId) is not { } grant || grant.Uscc != institution.Uscc)
        {
            return Problems.Create(StatusCodes.Status404NotFound, "unknown_grant", "grantId", $"no grant '{grantId}' for {institution.Uscc}");
        }

        if (!store.RevokeGrant(grant.Id, signer, now))
        {
            return Problems.Create(StatusCodes.Status409Conflict, "invalid_state", "grantId", $"grant '{grant.Id}' was revoked before");
        }

        return TypedResults.Ok(ToGrant(store.GetGrant(grant.Id)!));
    }

    // An administrator's own credential: the institution's key asks, with the person's one-time enrolment code (the
    // primary administrator's from registration, an appointed one's from the signed appointment). The certificate's
    // role names the administrator, so what they sign later says who signed it.
    private static IResult IssueAdministratorCredential(CredentialRequest body, InstitutionRow institution, CertificateAuthority ca, IAuthorityStore store, TimeProvider time)
    {
        if (Identifier(body.AdministratorId, "administratorId") is { } p0)
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
