using System.Security.Cryptography;
using Badge.Authority.Security;
using Badge.Authority.Storage;
using Badge.Sdk.Certificates;
using Badge.Sdk.Challenges;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Microsoft.Extensions.Options;

namespace Badge.Authority.Api;

/// <summary>Badges: issuing (with the proof a platform-account badge needs), reading, certificates, revoking, superseding, listing.</summary>
internal static class BadgeEndpoints
{
    private const int MaxReasonLength = 200;

    public static RouteGroupBuilder MapBadgeEndpoints(this RouteGroupBuilder api)
    {
        var badges = api.MapGroup(string.Empty).WithTags("Badges");
        badges.MapPost("/badges", IssueBadge).WithName("IssueBadge").WithSummary("Issue a website or platform-account badge")
            .Produces<IssuedBadge>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        badges.MapGet("/badges/{id}", GetBadge).WithName("GetBadge").WithSummary("A badge with its status and version")
            .Produces<BadgeRecord>().ProducesProblem(404);
        badges.MapGet("/badges/{id}/certificate", GetCertificate).WithName("GetCertificate").WithSummary("The certificate facts, with an ETag")
            .Produces<BadgeCertificate>().Produces(StatusCodes.Status304NotModified).ProducesProblem(404);
        badges.MapGet("/badges/{id}/certificate/signed", GetSignedCertificate).WithName("GetSignedCertificate")
            .WithSummary("The certificate facts as a compact JWS (ES256) signed by the authority")
            .Produces<string>(200, "application/jose").ProducesProblem(404);
        badges.MapPost("/badges/{id}/revoke", RevokeBadge).WithName("RevokeBadge").WithSummary("Revoke a badge")
            .Produces<BadgeRecord>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        badges.MapPost("/badges/{id}/supersede", SupersedeBadge).WithName("SupersedeBadge").WithSummary("Legacy migration: replace a badge with another")
            .Produces<BadgeRecord>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        badges.MapGet("/institutions/{uscc}/badges", ListBadges).WithName("ListBadges").WithSummary("An institution's badges, paged")
            .Produces<BadgePage>().ProducesProblem(400);
        return api;
    }

    internal static IResult IssueBadge(
        IssueBadgeRequest? request, HttpContext context, IAuthorityStore store, IOptions<AuthorityOptions> options, TimeProvider time,
        Domains.WebsiteDomains websiteDomains, CertificateAuthority ca)
    {
        var principal = context.GetPrincipal();
        if (principal.Role == PrincipalRole.Anonymous)
        {
            return Problems.Unauthorized();
        }

        if (request is null)
        {
            return Problems.Missing("body");
        }

        if (Fields.Uscc(request.Uscc, "uscc", out var uscc) is { } usccProblem)
        {
            return usccProblem;
        }

        if (!Enum.IsDefined(request.Kind))
        {
            return InputRules.UndefinedEnum("kind", request.Kind);
        }

        if (request.Kind == BadgeKind.Website && principal.Role == PrincipalRole.Platform)
        {
            return Problems.Forbidden("a platform key may ask only for platform-account badges");
        }

        if (request.Kind == BadgeKind.PlatformAccount && principal.Role == PrincipalRole.Institution)
        {
            return Problems.Forbidden("platform-account badges are asked for by the platform after it verified the account (the QR challenge)");
        }

        if (principal.Role == PrincipalRole.Institution && principal.Subject != uscc.ToString())
        {
            return Problems.Forbidden($"this key acts for {principal.Subject}, not for {uscc}");
        }

        if (InputRules.EligibleInstitution(uscc, store, options.Value) is not { } institution)
        {
            return InputRules.IneligibleOrUnknown(uscc, options.Value);
        }

        if (InputRules.RegisteredOrganizer(request.OrganizerName, institution, "organizerName", out var organizer) is { } organizerProblem)
        {
            return organizerProblem;
        }

        if (Fields.Name<OnlineName>(request.OnlineName, "onlineName", out var onlineName) is { } onlineProblem)
        {
            return onlineProblem;
        }

        string? domain = null;
        string? platform = null;
        string? account = null;
        var status = "active";
        string? validationToken = null;
        string? proofKey = null;
        var consentedBy = string.Empty;
        if (request.Kind == BadgeKind.Website)
        {
            if (Fields.Domain(request.Domain, "domain", out var parsed) is { } domainProblem)
            {
                return domainProblem;
            }

            if (websiteDomains.Admit(parsed, uscc.ToString(), "domain", out var proven) is { } admitProblem)
            {
                return admitProblem;
            }

            domain = parsed.Ascii;
            if (!proven)
            {
                status = "pending";
                validationToken = Domains.WebsiteDomains.NewToken();
            }
        }
        else
        {
            if (Fields.Platform(request.Platform, "platform", out var parsedPlatform) is { } platformProblem)
            {
                return platformProblem;
            }

            if (principal.Role == PrincipalRole.Platform && principal.Subject != parsedPlatform.Value)
            {
                return Problems.Forbidden($"this key acts for the platform '{principal.Subject}', not '{parsedPlatform}'");
            }

            if (Fields.Identifier(request.AccountId, "accountId") is { } accountProblem)
            {
                return accountProblem;
            }

            platform = parsedPlatform.Value;
            account = request.AccountId!.Trim();
            if (PlatformAccountProof(request, principal, platform, account, uscc, store, ca, options.Value, time.GetUtcNow(), out proofKey, out consentedBy) is { } proofProblem)
            {
                return proofProblem;
            }
        }

        var now = time.GetUtcNow();
        var row = new BadgeRow
        {
            Id = "bdg-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10)),
            Kind = request.Kind == BadgeKind.Website ? "website" : "platformAccount",
            Status = status,
            Version = 1,
            Uscc = uscc.ToString(),
            OrganizerName = organizer.Value,
            OnlineName = onlineName.Value,
            Domain = domain,
            Platform = platform,
            AccountId = account,
            IssuedAt = now,
            UpdatedAt = now,
        };

        if (request.Kind == BadgeKind.Website)
        {
            return websiteDomains.Insert(row, validationToken)
                ?? TypedResults.Created($"/api/v1/badges/{row.Id}", ApiModels.Issued(context, row, options.Value) with { Badge = DomainEndpoints.Record(row, store, options.Value) });
        }

        var proofUsed = false;
        var outcome = proofKey is null ? store.InsertBadge(row) : store.InsertBadgeWithProof(row, proofKey, consentedBy, out proofUsed);
        if (proofUsed)
        {
            return Problems.Create(StatusCodes.Status409Conflict, AuthorityErrorCodes.ConsentUsed, "consent",
                "consent: this answer was used for a badge before; each consent carries one badge — scan a new QR code", ChallengeReasonCodes.Replayed);
        }

        return outcome switch
        {
            WriteOutcome.Written => TypedResults.Created($"/api/v1/badges/{row.Id}", ApiModels.Issued(context, row, options.Value)),
            WriteOutcome.DuplicateDomain => Problems.Create(StatusCodes.Status409Conflict, "duplicate_domain", "domain",
                $"another active badge already vouches for {SiteDomain.Parse(domain!).Unicode}; revoke it first, or ask the authority to supersede it"),
            WriteOutcome.DuplicateAccount => Problems.Create(StatusCodes.Status409Conflict, "duplicate_account", "accountId",
                $"another active badge already vouches for {platform}/{account}"),
            _ => Problems.Create(StatusCodes.Status409Conflict, "duplicate_badge", "id", "a badge with this id exists"),
        };
    }

    private static IResult GetBadge(string id, IAuthorityStore store, IOptions<AuthorityOptions> options) =>
        store.GetBadge(Fields.BadgeId(id)) is { } row ? TypedResults.Ok(DomainEndpoints.Record(row, store, options.Value)) : Problems.UnknownBadge(id);

    private static IResult GetCertificate(string id, HttpContext context, IAuthorityStore store, IOptions<AuthorityOptions> options)
    {
        if (store.GetBadge(Fields.BadgeId(id)) is not { } row)
        {
            return Problems.UnknownBadge(id);
        }

        if (DomainEndpoints.PendingProblem(row) is { } pending)
        {
            return pending;
        }

        var etag = $"\"v{row.Version}\"";
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = "no-cache";
        if (context.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Select(s => s.Trim()).Contains(etag)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Ok(ApiModels.ToCertificate(context, row, options.Value));
    }

    private static IResult GetSignedCertificate(string id, HttpContext context, IAuthorityStore store, IOptions<AuthorityOptions> options, AuthoritySigner signer)
    {
        if (store.GetBadge(Fields.BadgeId(id)) is not { } row)
        {
            return Problems.UnknownBadge(id);
        }

        if (DomainEndpoints.PendingProblem(row) is { } pending)
        {
            return pending;
        }

        return Results.Text(signer.Sign(ApiModels.ToCertificate(context, row, options.Value)), "application/jose; charset=utf-8");
    }

    private static IResult RevokeBadge(string id, RevokeRequest? body, HttpContext context, IAuthorityStore store, TimeProvider time)
    {
        var principal = context.GetPrincipal();
        if (principal.Role is PrincipalRole.Anonymous or PrincipalRole.Platform)
        {
            return principal.Role == PrincipalRole.Anonymous ? Problems.Unauthorized() : Problems.Forbidden("a platform key cannot revoke badges");
        }

        if (store.GetBadge(Fields.BadgeId(id)) is not { } row)
        {
            return Problems.UnknownBadge(id);
        }

        if (principal.Role == PrincipalRole.Institution && principal.Subject != row.Uscc)
        {
            return Problems.Forbidden($"badge '{row.Id}' belongs to another institution", "not_your_badge");
        }

        var reason = body?.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            return Problems.Missing("reason");
        }

        if (Fields.Name<OnlineName>(reason, "reason", out _) is { } reasonProblem || reason.Length > MaxReasonLength)
        {
            return Problems.Invalid("reason", "invalid_field", $"reason: give 1-{MaxReasonLength} characters without control characters");
        }

        if (!store.RevokeBadge(row.Id, reason, time.GetUtcNow()))
        {
            return Problems.Create(StatusCodes.Status409Conflict, "invalid_state", "id", $"badge '{row.Id}' is {row.Status}, not active");
        }

        return TypedResults.Ok(ApiModels.ToRecord(store.GetBadge(row.Id)!));
    }

    private static IResult SupersedeBadge(string id, SupersedeRequest? body, HttpContext context, IAuthorityStore store, TimeProvider time)
    {
        if (Callers.RequireAuthority(context) is { } denied)
        {
            return denied;
        }

        if (store.GetBadge(Fields.BadgeId(id)) is not { } old)
        {
            return Problems.UnknownBadge(id);
        }

        if (string.IsNullOrWhiteSpace(body?.ReplacementId))
        {
            return Problems.Missing("replacementId");
        }

        if (store.GetBadge(Fields.BadgeId(body.ReplacementId)) is not { } replacement)
        {
            return Problems.Create(StatusCodes.Status404NotFound, "unknown_badge", "replacementId", $"no badge has the id '{body.ReplacementId}'");
        }

        if (replacement.Id == old.Id)
        {
            return Problems.Invalid("replacementId", "invalid_field", "a badge cannot supersede itself");
        }

        if (replacement.Uscc != old.Uscc)
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, "invalid_field", "replacementId",
                $"the replacement belongs to {replacement.Uscc}, the badge being replaced to {old.Uscc}");
        }

        if (!store.SupersedeBadge(old.Id, replacement.Id, time.GetUtcNow()))
        {
            return Problems.Create(StatusCodes.Status409Conflict, "invalid_state", "id",
                $"both badges must be active: '{old.Id}' is {old.Status}, '{replacement.Id}' is {replacement.Status}");
        }

        return TypedResults.Ok(ApiModels.ToRecord(store.GetBadge(old.Id)!));
    }

    private static IResult ListBadges(string uscc, int? page, int? pageSize, IAuthorityStore store)
    {
        if (Fields.Uscc(uscc, "uscc", out var code) is { } problem)
        {
            return problem;
        }

        var p = page ?? 1;
        var size = pageSize ?? 50;
        if (p < 1)
        {
            return Problems.Invalid("page", "invalid_field", "page must be 1 or more");
        }

        if (size is < 1 or > 100)
        {
            return Problems.Invalid("pageSize", "invalid_field", "pageSize must be between 1 and 100");
        }

        var (items, total) = store.ListBadges(code.ToString(), p, size);
        return TypedResults.Ok(new BadgePage { Items = items.Select(ApiModels.ToRecord).ToList(), Page = p, PageSize = size, TotalCount = total });
    }

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
}
