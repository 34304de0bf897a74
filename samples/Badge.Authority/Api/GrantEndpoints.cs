using System.Security.Cryptography;
using Badge.Authority.Security;
using Badge.Authority.Storage;
using Badge.Sdk.Credentials;
using Badge.Sdk.Issuance;
using Microsoft.Extensions.Options;

namespace Badge.Authority.Api;

/// <summary>
/// Administrators, operator grants and the audit trail: what an institution's administrators do they sign with their own
/// credential (issue #15), and the authority checks the signature itself.
/// </summary>
internal static class GrantEndpoints
{
    public static RouteGroupBuilder MapGrantEndpoints(this RouteGroupBuilder api)
    {
        var grants = api.MapGroup(string.Empty).WithTags("Administrators and grants");
        grants.MapPost("/institutions/{uscc}/administrators", AppointAdministrator).WithName("AppointAdministrator")
            .WithSummary("The primary administrator appoints an administrator (signed with their own credential)")
            .Produces<AdministratorAppointment>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(409);
        grants.MapPost("/institutions/{uscc}/operator-grants", GrantOperator).WithName("GrantOperator")
            .WithSummary("Grant an account operator use of the credential for one platform account (signed by an administrator)")
            .Produces<OperatorGrant>(StatusCodes.Status201Created).Produces<OperatorGrant>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(409).ProducesProblem(422);
        grants.MapPost("/institutions/{uscc}/operator-grants/{grantId}/revoke", RevokeGrant).WithName("RevokeOperatorGrant")
            .WithSummary("Revoke an operator grant (signed by an administrator)")
            .Produces<OperatorGrant>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        grants.MapGet("/institutions/{uscc}/operator-grants/check", CheckGrant).WithName("CheckOperatorGrant")
            .Produces<OperatorGrantCheck>().ProducesProblem(400).ProducesProblem(403);
        grants.MapGet("/institutions/{uscc}/audit", ListAudit).WithName("GetAuditTrail")
            .Produces<List<AuditEntry>>().ProducesProblem(403);
        return api;
    }

    private static IResult AppointAdministrator(
        string uscc, AdministratorAppointmentRequest? body, HttpContext context, IAuthorityStore store, CertificateAuthority ca, IOptions<AuthorityOptions> options, TimeProvider time)
    {
        if (Callers.OwnInstitution(context, uscc, out var institution) is { } denied)
        {
            return denied;
        }

        if (Fields.Identifier(body?.AdministratorId, "administratorId") is { } p1)
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
        if (Callers.OwnInstitution(context, uscc, out var institution) is { } denied)
        {
            return denied;
        }

        if (body is null)
        {
            return Problems.Missing("body");
        }

        if (Fields.Platform(body.Platform, "platform", out var platform) is { } p0)
        {
            return p0;
        }

        if (InputRules.RegisteredPlatform(store, platform, "platform") is { } unknownPlatform)
        {
            return unknownPlatform;
        }

        if ((Fields.Identifier(body.AccountId, "accountId") ?? Fields.Identifier(body.OperatorId, "operatorId")) is { } p1)
        {
            return p1;
        }

        var account = body.AccountId!.Trim();
        var operatorId = body.OperatorId!.Trim();
        var now = time.GetUtcNow();
        if (TrustChecks.Administrator(
                body.Signature, AdministratorActions.Grant, institution, primaryOnly: false,
                r => r.Platform != platform ? "platform" : r.AccountId != account ? "accountId" : r.OperatorId != operatorId ? "operatorId" : null,
                store, ca, options.Value, now, out var signer) is { } unsigned)
        {
            return unsigned;
        }

        var existing = store.FindActiveGrant(institution.Uscc, platform.Value, account, operatorId);
        if (existing is not null)
        {
            return TypedResults.Ok(ApiModels.ToGrant(existing));
        }

        var grant = new GrantRow(
            "grt-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10)), institution.Uscc, platform.Value, account, operatorId, signer, now, null, null);
        store.InsertGrant(grant);
        return TypedResults.Created($"/api/v1/institutions/{institution.Uscc}/operator-grants/{grant.Id}", ApiModels.ToGrant(grant));
    }

    private static IResult RevokeGrant(
        string uscc, string grantId, RevokeRequest? body, HttpContext context, IAuthorityStore store, CertificateAuthority ca, IOptions<AuthorityOptions> options, TimeProvider time)
    {
        if (Callers.OwnInstitution(context, uscc, out var institution) is { } denied)
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

        return TypedResults.Ok(ApiModels.ToGrant(store.GetGrant(grant.Id)!));
    }

    private static IResult CheckGrant(string uscc, string? platform, string? accountId, string? operatorId, HttpContext context, IAuthorityStore store)
    {
        var principal = context.GetPrincipal();
        if (principal.Role == PrincipalRole.Anonymous)
        {
            return Problems.Unauthorized();
        }

        if (Fields.Uscc(uscc, "uscc", out var code) is { } p0)
        {
            return p0;
        }

        if (Fields.Platform(platform, "platform", out var platformId) is { } p1)
        {
            return p1;
        }

        if ((Fields.Identifier(accountId, "accountId") ?? Fields.Identifier(operatorId, "operatorId")) is { } p2)
        {
            return p2;
        }

        var allowed = principal.Role == PrincipalRole.Authority
            || (principal.Role == PrincipalRole.Institution && principal.Subject == code.ToString())
            || (principal.Role == PrincipalRole.Platform && principal.Subject == platformId.Value);
        if (!allowed)
        {
            return Problems.Forbidden("an institution key reads its own grants; a platform key reads grants for its own platform");
        }

        var grant = store.FindActiveGrant(code.ToString(), platformId.Value, accountId!.Trim(), operatorId!.Trim());
        return TypedResults.Ok(new OperatorGrantCheck { Granted = grant is not null, GrantId = grant?.Id });
    }

    internal static IResult ListAudit(string uscc, HttpContext context, IAuthorityStore store)
    {
        if (Callers.OwnInstitution(context, uscc, out var institution, allowAuthority: true) is { } denied)
        {
            return denied;
        }

        return TypedResults.Ok(store.ListAudit(institution.Uscc).Select(a => new AuditEntry { At = a.At, Actor = a.Actor, Action = a.Action, Target = a.Target }).ToList());
    }
}
