using System.Security.Cryptography;
using Badge.Authority.Pages;
using Badge.Authority.Security;
using Badge.Authority.Storage;
using Badge.Sdk.Certificates;
using Badge.Sdk.Challenges;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Badge.Sdk.Platforms;
using Microsoft.Extensions.Options;

namespace Badge.Authority.Api;

/// <summary>The protocol v1 endpoints.</summary>
internal static partial class AuthorityEndpoints
{
    private const int MaxReasonLength = 200;
    private const int MaxIdLength = 128;
    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdef");

    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/v1");

        api.MapPost("/badges", IssueBadge).WithName("IssueBadge").WithSummary("Issue a website or platform-account badge")
            .Produces<IssuedBadge>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        api.MapGet("/badges/{id}", GetBadge).WithName("GetBadge").WithSummary("A badge with its status and version")
            .Produces<BadgeRecord>().ProducesProblem(404);
        api.MapGet("/badges/{id}/certificate", GetCertificate).WithName("GetCertificate").WithSummary("The certificate facts, with an ETag")
            .Produces<BadgeCertificate>().Produces(StatusCodes.Status304NotModified).ProducesProblem(404);
        api.MapGet("/badges/{id}/certificate/signed", GetSignedCertificate).WithName("GetSignedCertificate")
            .WithSummary("The certificate facts as a compact JWS (ES256) signed by the authority")
            .Produces<string>(200, "application/jose").ProducesProblem(404);
        api.MapPost("/badges/{id}/revoke", RevokeBadge).WithName("RevokeBadge").WithSummary("Revoke a badge")
            .Produces<BadgeRecord>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        api.MapPost("/badges/{id}/supersede", SupersedeBadge).WithName("SupersedeBadge").WithSummary("Legacy migration: replace a badge with another")
            .Produces<BadgeRecord>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        api.MapPost("/legacy-badges", ImportLegacy).WithName("ImportLegacyBadge").WithSummary("Import a legacy (CONAC) badge")
            .Produces<BadgeRecord>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        api.MapGet("/institutions/{uscc}/badges", ListBadges).WithName("ListBadges").WithSummary("An institution's badges, paged")
            .Produces<BadgePage>().ProducesProblem(400);
        api.MapPost("/institutions/{uscc}/administrators", AppointAdministrator).WithName("AppointAdministrator")
            .WithSummary("The primary administrator appoints an administrator (signed with their own credential)")
            .Produces<AdministratorAppointment>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(409);
        api.MapPost("/institutions/{uscc}/operator-grants", GrantOperator).WithName("GrantOperator")
            .WithSummary("Grant an account operator use of the credential for one platform account (signed by an administrator)")
            .Produces<OperatorGrant>(StatusCodes.Status201Created).Produces<OperatorGrant>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(409).ProducesProblem(422);
        api.MapPost("/institutions/{uscc}/operator-grants/{grantId}/revoke", RevokeGrant).WithName("RevokeOperatorGrant")
            .WithSummary("Revoke an operator grant (signed by an administrator)")
            .Produces<OperatorGrant>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        api.MapGet("/institutions/{uscc}/operator-grants/check", CheckGrant).WithName("CheckOperatorGrant")
            .Produces<OperatorGrantCheck>().ProducesProblem(400).ProducesProblem(403);
        api.MapGet("/institutions/{uscc}/audit", ListAudit).WithName("GetAuditTrail")
            .Produces<List<AuditEntry>>().ProducesProblem(403);
        api.MapPost("/census-records", SubmitCensus).WithName("SubmitCensusRecords")
            .Produces<List<CensusRecord>>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(422);
        api.MapGet("/institutions/{uscc}/census-records", ListCensus).WithName("ListCensusRecords")
            .Produces<List<CensusRecord>>().ProducesProblem(403);
        api.MapGet("/platforms/{platform}/census-attachments", ListCensusAttachments).WithName("ListCensusAttachments")
            .WithSummary("Verified accounts on the platform that the census says must carry a badge, and do not yet")
            .Produces<List<CensusRecord>>().ProducesProblem(403);

        api.MapPost("/credentials", IssueInstitutionCredential).WithName("IssueCredential")
            .WithSummary("Issue an institution credential certificate (ECDSA P-256) for a CSR")
            .Produces<Badge.Sdk.Credentials.IssuedCredential>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
        api.MapPost("/platform-credentials", IssuePlatformCredential).WithName("IssuePlatformCredential")
            .WithSummary("Issue a platform certificate for a CSR")
            .Produces<Badge.Sdk.Credentials.IssuedCredential>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
        api.MapPost("/credentials/{serial}/revoke", RevokeCredential).WithName("RevokeCredential")
            .Produces<Badge.Sdk.Credentials.CredentialStatus>().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        api.MapGet("/credentials/{serial}/status", CredentialStatusHandler).WithName("CredentialStatus")
            .WithSummary("Whether a credential certificate holds (the revocation data verifiers check)")
            .Produces<Badge.Sdk.Credentials.CredentialStatus>();
        DomainEndpoints.Map(api);
        app.MapGet("/.well-known/badge-authority", Metadata).WithName("AuthorityMetadata");
        app.MapGet("/certificates/{id}", CertificatePageHandler).WithName("CertificatePage").ExcludeFromDescription();
        app.MapGet("/badges/{file}", BadgeFile).WithName("BadgeAsset").ExcludeFromDescription();
        MapLegacyHost(app);
        app.MapGet("/assets/certificate.css", () => Results.Text(CertificatePage.Stylesheet, "text/css; charset=utf-8")).ExcludeFromDescription();
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

        if (Uscc(request.Uscc, "uscc", out var uscc) is { } usccProblem)
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

        if (EligibleInstitution(uscc, store, options.Value) is not { } institution)
        {
            return IneligibleOrUnknown(uscc, options.Value);
        }

        if (InputRules.RegisteredOrganizer(request.OrganizerName, institution, "organizerName", out var organizer) is { } organizerProblem)
        {
            return organizerProblem;
        }

        if (Name<OnlineName>(request.OnlineName, "onlineName", out var onlineName) is { } onlineProblem)
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
            if (Domain(request.Domain, "domain", out var parsed) is { } domainProblem)
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
            if (Platform(request.Platform, "platform", out var parsedPlatform) is { } platformProblem)
            {
                return platformProblem;
            }

            if (principal.Role == PrincipalRole.Platform && principal.Subject != parsedPlatform.Value)
            {
                return Problems.Forbidden($"this key acts for the platform '{principal.Subject}', not '{parsedPlatform}'");
            }

            if (Identifier(request.AccountId, "accountId") is { } accountProblem)
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
                ?? TypedResults.Created($"/api/v1/badges/{row.Id}", Issued(context, row, options.Value) with { Badge = DomainEndpoints.Record(row, store, options.Value) });
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
            WriteOutcome.Written => TypedResults.Created($"/api/v1/badges/{row.Id}", Issued(context, row, options.Value)),
            WriteOutcome.DuplicateDomain => Problems.Create(StatusCodes.Status409Conflict, "duplicate_domain", "domain",
                $"another active badge already vouches for {SiteDomain.Parse(domain!).Unicode}; revoke it first, or ask the authority to supersede it"),
            WriteOutcome.DuplicateAccount => Problems.Create(StatusCodes.Status409Conflict, "duplicate_account", "accountId",
                $"another active badge already vouches for {platform}/{account}"),
            _ => Problems.Create(StatusCodes.Status409Conflict, "duplicate_badge", "id", "a badge with this id exists"),
        };
    }

    private static IResult GetBadge(string id, IAuthorityStore store, IOptions<AuthorityOptions> options) =>
        store.GetBadge(Normalize(id)) is { } row ? TypedResults.Ok(DomainEndpoints.Record(row, store, options.Value)) : Problems.UnknownBadge(id);

    private static IResult GetCertificate(string id, HttpContext context, IAuthorityStore store, IOptions<AuthorityOptions> options)
    {
        if (store.GetBadge(Normalize(id)) is not { } row)
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

        return TypedResults.Ok(ToCertificate(context, row, options.Value));
    }

    private static IResult GetSignedCertificate(string id, HttpContext context, IAuthorityStore store, IOptions<AuthorityOptions> options, AuthoritySigner signer)
    {
        if (store.GetBadge(Normalize(id)) is not { } row)
        {
            return Problems.UnknownBadge(id);
        }

        if (DomainEndpoints.PendingProblem(row) is { } pending)
        {
            return pending;
        }

        return Results.Text(signer.Sign(ToCertificate(context, row, options.Value)), "application/jose; charset=utf-8");
    }

    private static IResult RevokeBadge(string id, RevokeRequest? body, HttpContext context, IAuthorityStore store, TimeProvider time)
    {
        var principal = context.GetPrincipal();
        if (principal.Role is PrincipalRole.Anonymous or PrincipalRole.Platform)
        {
            return principal.Role == PrincipalRole.Anonymous ? Problems.Unauthorized() : Problems.Forbidden("a platform key cannot revoke badges");
        }

        if (store.GetBadge(Normalize(id)) is not { } row)
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

        if (Name<OnlineName>(reason, "reason", out _) is { } reasonProblem || reason.Length > MaxReasonLength)
        {
            return Problems.Invalid("reason", "invalid_field", $"reason: give 1-{MaxReasonLength} characters without control characters");
        }

        if (!store.RevokeBadge(row.Id, reason, time.GetUtcNow()))
        {
            return Problems.Create(StatusCodes.Status409Conflict, "invalid_state", "id", $"badge '{row.Id}' is {row.Status}, not active");
        }

        return TypedResults.Ok(ToRecord(store.GetBadge(row.Id)!));
    }

    private static IResult SupersedeBadge(string id, SupersedeRequest? body, HttpContext context, IAuthorityStore store, TimeProvider time)
    {
        if (RequireAuthority(context) is { } denied)
        {
            return denied;
        }

        if (store.GetBadge(Normalize(id)) is not { } old)
        {
            return Problems.UnknownBadge(id);
        }

        if (string.IsNullOrWhiteSpace(body?.ReplacementId))
        {
            return Problems.Missing("replacementId");
        }

        if (store.GetBadge(Normalize(body.ReplacementId)) is not { } replacement)
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

        return TypedResults.Ok(ToRecord(store.GetBadge(old.Id)!));
    }

    // Badges go to government organs and public institutions the registry knows: null when the code is not one.
    private static InstitutionRow? EligibleInstitution(UnifiedSocialCreditCode uscc, IAuthorityStore store, AuthorityOptions options) =>
        options.EligibleCategories.Contains(string.Concat(uscc.RegistrationAuthority, uscc.Category), StringComparer.Ordinal)
            ? store.GetInstitution(uscc.ToString())
            : null;

    // Why EligibleInstitution found none: the code's category, or no registered institution with it.
    private static IResult IneligibleOrUnknown(UnifiedSocialCreditCode uscc, AuthorityOptions options)
    {
        var category = string.Concat(uscc.RegistrationAuthority, uscc.Category);
        return options.EligibleCategories.Contains(category, StringComparer.Ordinal)
            ? Problems.Create(StatusCodes.Status404NotFound, "unknown_institution", "uscc", $"no institution with the code {uscc} is registered")
            : Problems.Create(
                StatusCodes.Status422UnprocessableEntity, "institution_not_eligible", "uscc",
                $"badges are issued to government organs (11) and public institutions (12); {uscc} is category {category} ({uscc.Kind.ToChineseName()})");
    }

    private static IResult ImportLegacy(ImportLegacyBadgeRequest? request, HttpContext context, IAuthorityStore store, IOptions<AuthorityOptions> options, TimeProvider time)
    {
        if (RequireAuthority(context) is { } denied)
        {
            return denied;
        }

        if (request is null)
        {
            return Problems.Missing("body");
        }

        var legacyId = request.LegacyId?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(legacyId))
        {
            return Problems.Missing("legacyId");
        }

        if (legacyId.Length != 32 || legacyId.AsSpan().ContainsAnyExcept(HexDigits))
        {
            return Problems.Invalid("legacyId", "invalid_field", $"legacyId: a legacy badge id is 32 hexadecimal characters; '{request.LegacyId}' is not");
        }

        if (Uscc(request.Uscc, "uscc", out var uscc) is { } usccProblem)
        {
            return usccProblem;
        }

        if (EligibleInstitution(uscc, store, options.Value) is not { } institution)
        {
            return IneligibleOrUnknown(uscc, options.Value);
        }

        if (InputRules.RegisteredOrganizer(request.OrganizerName, institution, "organizerName", out var organizer) is { } p1)
        {
            return p1;
        }

        if (Name<OnlineName>(request.OnlineName, "onlineName", out var onlineName) is { } p2)
        {
            return p2;
        }

        if (Domain(request.Domain, "domain", out var domain) is { } p3)
        {
            return p3;
        }

        var now = time.GetUtcNow();
        var row = new BadgeRow
        {
            Id = legacyId,
            Kind = "website",
            Status = "active",
            Version = 1,
            Uscc = uscc.ToString(),
            OrganizerName = organizer.Value,
            OnlineName = onlineName.Value,
            Domain = domain.Ascii,
            Legacy = true,
            IssuedAt = now,
            UpdatedAt = now,
        };
        return store.InsertBadge(row) == WriteOutcome.Written
            ? TypedResults.Created($"/api/v1/badges/{row.Id}", ToRecord(row))
            : Problems.Create(StatusCodes.Status409Conflict, "duplicate_badge", "legacyId", $"the legacy badge '{legacyId}' was imported before");
    }

    private static IResult ListBadges(string uscc, int? page, int? pageSize, IAuthorityStore store)
    {
        if (Uscc(uscc, "uscc", out var code) is { } problem)
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
        return TypedResults.Ok(new BadgePage { Items = items.Select(ToRecord).ToList(), Page = p, PageSize = size, TotalCount = total });
    }

    private static IResult CheckGrant(string uscc, string? platform, string? accountId, string? operatorId, HttpContext context, IAuthorityStore store)
    {
        var principal = context.GetPrincipal();
        if (principal.Role == PrincipalRole.Anonymous)
        {
            return Problems.Unauthorized();
        }

        if (Uscc(uscc, "uscc", out var code) is { } p0)
        {
            return p0;
        }

        if (Platform(platform, "platform", out var platformId) is { } p1)
        {
            return p1;
        }

        if ((Identifier(accountId, "accountId") ?? Identifier(operatorId, "operatorId")) is { } p2)
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
        if (OwnInstitution(context, uscc, out var institution, allowAuthority: true) is { } denied)
        {
            return denied;
        }

        return TypedResults.Ok(store.ListAudit(institution.Uscc).Select(a => new AuditEntry { At = a.At, Actor = a.Actor, Action = a.Action, Target = a.Target }).ToList());
    }

    internal static IResult SubmitCensus(CensusSubmission? body, HttpContext context, IAuthorityStore store, TimeProvider time)
    {
        if (body is null)
        {
            return Problems.Missing("body");
        }

        if (OwnInstitution(context, body.Uscc ?? string.Empty, out var institution, allowAuthority: true) is { } denied)
        {
            return denied;
        }

        if (body.Entries is not { Count: > 0 } entries)
        {
            return Problems.Missing("entries");
        }

        if (entries.Count > 100)
        {
            return Problems.Invalid("entries", "invalid_field", "at most 100 entries in one submission");
        }

        var now = time.GetUtcNow();
        var rows = new List<CensusRow>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            if (CensusEntryRow(entries[i], $"entries[{i}].", institution.Uscc, store, now, out var row) is { } problem)
            {
                return problem;
            }

            rows.Add(row);
        }

        store.InsertCensus(rows);
        return TypedResults.Ok(rows.Select(ToCensus).ToList());
    }

    // One census entry checked as the API checks it (the portal files and edits entries through this too).
    internal static IResult? CensusEntryRow(CensusEntry entry, string prefix, string uscc, IAuthorityStore store, DateTimeOffset now, out CensusRow row)
    {
        row = null!;
        if (Name<OnlineName>(entry.Name, prefix + "name", out var name) is { } p1)
        {
            return p1;
        }

        string? domain = null;
        string? platform = null;
        if (entry.Platform is not null && entry.Domain is not null)
        {
            return Problems.Invalid(prefix + "domain", "invalid_field",
                $"{prefix}domain: an entry is a website (domain) or a platform account (platform and accountId), not both; file two entries");
        }

        if (entry.Platform is null)
        {
            if (Domain(entry.Domain, prefix + "domain", out var d) is { } p2)
            {
                return p2;
            }

            domain = d.Ascii;
        }
        else
        {
            if (Platform(entry.Platform, prefix + "platform", out var p) is { } p3)
            {
                return p3;
            }

            if (InputRules.RegisteredPlatform(store, p, prefix + "platform") is { } p5)
            {
                return p5;
            }

            if (Identifier(entry.AccountId, prefix + "accountId") is { } p4)
            {
                return p4;
            }

            platform = p.Value;
        }

        row = new CensusRow(
            "cen-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10)), uscc, platform,
            entry.AccountId?.Trim(), domain, name.Value, entry.Verified, now);
        return null;
    }

    private static IResult ListCensus(string uscc, HttpContext context, IAuthorityStore store)
    {
        var principal = context.GetPrincipal();
        if (principal.Role == PrincipalRole.Platform)
        {
            if (Uscc(uscc, "uscc", out var code) is { } problem)
            {
                return problem;
            }

            return TypedResults.Ok(store.ListCensus(code.ToString()).Where(r => r.Platform == principal.Subject).Select(ToCensus).ToList());
        }

        if (OwnInstitution(context, uscc, out var institution, allowAuthority: true) is { } denied)
        {
            return denied;
        }

        return TypedResults.Ok(store.ListCensus(institution.Uscc).Select(ToCensus).ToList());
    }

    private static IResult ListCensusAttachments(string platform, HttpContext context, IAuthorityStore store)
    {
        var principal = context.GetPrincipal();
        if (principal.Role == PrincipalRole.Anonymous)
        {
            return Problems.Unauthorized();
        }

        if (principal.Role != PrincipalRole.Authority && (principal.Role != PrincipalRole.Platform || principal.Subject != platform))
        {
            return Problems.Forbidden("a platform key reads the census attachments of its own platform only");
        }

        return TypedResults.Ok(store.ListPendingCensusAttachments(platform)
            .Select(r => ToCensus(r) with { OrganizerName = OrganizerName.TryParse(store.GetInstitution(r.Uscc)?.Name, out var name) ? name : null }).ToList());
    }

    private static Microsoft.AspNetCore.Http.HttpResults.Ok<AuthorityMetadata> Metadata(AuthoritySigner signer, CertificateAuthority ca, IOptions<AuthorityOptions> options) =>
        TypedResults.Ok(new AuthorityMetadata
        {
            Issuer = options.Value.IssuingOffice,
            SigningCertificate = Convert.ToBase64String(signer.CertificateDer),
            RootCertificate = Convert.ToBase64String(ca.Root.RawData),
            KeyId = signer.KeyId,
        });

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

    private static IResult CertificatePageHandler(string id, HttpContext context, IAuthorityStore store, IOptions<AuthorityOptions> options, Domains.WebsiteDomains websiteDomains)
    {
        context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'";
        if (store.GetBadge(Normalize(id)) is not { } row || row.Status == "pending")
        {
            return Results.Content(CertificatePage.NotFound(id), "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }

        if (Current(store, row) is { } current && current.Id != row.Id)
        {
            return Results.Redirect($"/certificates/{Uri.EscapeDataString(current.Id)}");
        }

        var certificate = ToCertificate(context, row, options.Value);
        string? refererHost = null;
        var covered = true;
        if (Uri.TryCreate(context.Request.Headers.Referer.ToString(), UriKind.Absolute, out var referer)
            && !string.Equals(referer.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase))
        {
            refererHost = referer.IdnHost;
            covered = DomainEndpoints.VouchesFor(row, certificate, referer.IdnHost, websiteDomains);
        }

        var platformName = row.Platform is null ? null : store.GetPlatformName(row.Platform);
        return Results.Content(CertificatePage.Render(certificate, refererHost, covered, platformName), "text/html; charset=utf-8");
    }

    private static IResult BadgeFile(string file, HttpContext context, IAuthorityStore store, IOptions<AuthorityOptions> options)
    {
        var svg = file.EndsWith(".svg", StringComparison.Ordinal);
        var js = file.EndsWith(".js", StringComparison.Ordinal);
        if (!svg && !js)
        {
            return Results.NotFound();
        }

        var id = file[..file.LastIndexOf('.')];
        if (store.GetBadge(Normalize(id)) is not { } row)
        {
            return Problems.UnknownBadge(id);
        }

        // A legacy badge the authority superseded draws its successor: the central replacement.
        var shown = Current(store, row);
        if ((DomainEndpoints.PendingProblem(row) ?? DomainEndpoints.PendingProblem(shown)) is { } pending)
        {
            return pending;
        }

        var certificate = ToCertificate(context, shown, options.Value);
        context.Response.Headers.CacheControl = "public, max-age=300";
        context.Response.Headers.ETag = $"\"{shown.Id}-v{shown.Version}\"";
        return svg
            ? Results.Text(BadgeAssets.Svg(certificate), "image/svg+xml; charset=utf-8")
            : Results.Text(BadgeAssets.Script(row.Id, certificate.CertificateUrl!, certificate.ImageUrl!, BadgeAssets.AltText(certificate)), "text/javascript; charset=utf-8");
    }

    internal static IssuedBadge Issued(HttpContext context, BadgeRow row, AuthorityOptions options)
    {
        var certificate = ToCertificate(context, row, options);
        var script = new Uri(BaseUri(context), $"badges/{row.Id}.js");
        return new IssuedBadge
        {
            Id = row.Id,
            Badge = ToRecord(row),
            EmbedCode = Badge.Sdk.Rendering.BadgeFooterRenderer.RenderEmbedCode(row.Id, script, certificate.CertificateUrl!, certificate.ImageUrl!, certificate.OrganizerName.Value),
            CertificateUrl = certificate.CertificateUrl!,
            ImageUrl = certificate.ImageUrl!,
            ScriptUrl = script,
        };
    }

    internal static BadgeRecord ToRecord(BadgeRow row) => new()
    {
        Id = row.Id,
        Kind = row.Kind == "website" ? BadgeKind.Website : BadgeKind.PlatformAccount,
        Status = Status(row.Status),
        Version = row.Version,
        Uscc = UnifiedSocialCreditCode.Parse(row.Uscc),
        OrganizerName = OrganizerName.Parse(row.OrganizerName),
        OnlineName = OnlineName.Parse(row.OnlineName),
        Domain = row.Domain is null ? null : SiteDomain.Parse(row.Domain),
        Platform = row.Platform is null ? null : PlatformId.Parse(row.Platform),
        AccountId = row.AccountId,
        IsLegacy = row.Legacy,
        IssuedAt = row.IssuedAt,
        UpdatedAt = row.UpdatedAt,
        SupersededBy = row.SupersededBy,
        Supersedes = row.Supersedes,
        RevocationReason = row.RevocationReason,
    };

    private static BadgeCertificate ToCertificate(HttpContext context, BadgeRow row, AuthorityOptions options)
    {
        var record = ToRecord(row);
        var baseUri = BaseUri(context);
        return new BadgeCertificate
        {
            BadgeId = record.Id,
            Kind = record.Kind,
            Status = record.Status,
            Version = record.Version,
            OrganizerName = record.OrganizerName,
            Uscc = record.Uscc,
            InstitutionKind = record.Uscc.Kind,
            OnlineName = record.OnlineName,
            Domain = record.Domain,
            Platform = record.Platform,
            AccountId = record.AccountId,
            IssuingOffice = options.IssuingOffice,
            IssuedAt = record.IssuedAt,
            UpdatedAt = record.UpdatedAt,
            SupersededBy = record.SupersededBy,
            RevocationReason = record.RevocationReason,
            CertificateUrl = new Uri(baseUri, $"certificates/{Uri.EscapeDataString(record.Id)}"),
            ImageUrl = new Uri(baseUri, $"badges/{Uri.EscapeDataString(record.Id)}.svg"),
        };
    }

    private static OperatorGrant ToGrant(GrantRow g) => new()
    {
        Id = g.Id,
        Uscc = UnifiedSocialCreditCode.Parse(g.Uscc),
        Platform = PlatformId.Parse(g.Platform),
        AccountId = g.AccountId,
        OperatorId = g.OperatorId,
        GrantedBy = g.GrantedBy,
        GrantedAt = g.GrantedAt,
        RevokedBy = g.RevokedBy,
        RevokedAt = g.RevokedAt,
    };

    private static CensusRecord ToCensus(CensusRow r) => new()
    {
        Id = r.Id,
        Uscc = UnifiedSocialCreditCode.Parse(r.Uscc),
        Platform = r.Platform is null ? null : PlatformId.Parse(r.Platform),
        AccountId = r.AccountId,
        Domain = r.Domain is null ? null : SiteDomain.Parse(r.Domain),
        Name = OnlineName.Parse(r.Name),
        Verified = r.Verified,
        SubmittedAt = r.SubmittedAt,
    };

    private static BadgeStatus Status(string status) => status switch
    {
        "active" => BadgeStatus.Active,
        "revoked" => BadgeStatus.Revoked,
        "pending" => BadgeStatus.Pending,
        _ => BadgeStatus.Superseded,
    };

    private static Uri BaseUri(HttpContext context) =>
        new($"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/");

    // Legacy ids are hexadecimal and compared in lower case; new ids are lower case already.
    private static string Normalize(string id) => id.Trim().ToLowerInvariant();

    private static IResult? RequireAuthority(HttpContext context) => context.GetPrincipal().Role switch
    {
        PrincipalRole.Authority => null,
        PrincipalRole.Anonymous => Problems.Unauthorized(),
        _ => Problems.Forbidden("only the authority's own key may do this"),
    };

    private static IResult? OwnInstitution(HttpContext context, string uscc, out InstitutionRow institution, bool allowAuthority = false)
    {
        institution = null!;
        var principal = context.GetPrincipal();
        if (principal.Role == PrincipalRole.Anonymous)
        {
            return Problems.Unauthorized();
        }

        if (Uscc(uscc, "uscc", out var code) is { } problem)
        {
            return problem;
        }

        var own = principal.Role == PrincipalRole.Institution && principal.Subject == code.ToString();
        if (!own && !(allowAuthority && principal.Role == PrincipalRole.Authority))
        {
            return Problems.Forbidden($"this key may not act for {code}");
        }

        if (store(context).GetInstitution(code.ToString()) is not { } row)
        {
            return Problems.Create(StatusCodes.Status404NotFound, "unknown_institution", "uscc", $"no institution with the code {code} is registered");
        }

        institution = row;
        return null;

        static IAuthorityStore store(HttpContext c) => c.RequestServices.GetRequiredService<IAuthorityStore>();
    }

    private static IResult? Uscc(string? value, string field, out UnifiedSocialCreditCode code)
    {
        code = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return Problems.Missing(field);
        }

        var result = UnifiedSocialCreditCode.Validate(value);
        if (!result.IsValid)
        {
            return Problems.Invalid(field, "invalid_uscc", $"{field}: {string.Join("; ", result.Problems.Select(p => p.Message))}", result.Problems[0].Code);
        }

        code = result.Code.Value;
        return null;
    }

    private static IResult? Name<T>(string? value, string field, out T name)
        where T : struct, IParsable<T>
    {
        name = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return Problems.Missing(field);
        }

        IdentityProblem? problem;
        bool ok;
        if (typeof(T) == typeof(OrganizerName))
        {
            ok = OrganizerName.TryParse(value, out var parsed, out problem);
            name = (T)(object)parsed;
        }
        else
        {
            ok = OnlineName.TryParse(value, out var parsed, out problem);
            name = (T)(object)parsed;
        }

        return ok ? null : Problems.FromIdentity(field, problem!);
    }

    private static IResult? Domain(string? value, string field, out SiteDomain domain)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            domain = default;
            return Problems.Missing(field);
        }

        return SiteDomain.TryParse(value, out domain, out var problem) ? null : Problems.FromIdentity(field, problem);
    }

    private static IResult? Platform(string? value, string field, out PlatformId platform)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            platform = default;
            return Problems.Missing(field);
        }

        return PlatformId.TryParse(value, out platform, out var problem) ? null : Problems.FromIdentity(field, problem);
    }

    private static IResult? Identifier(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Problems.Missing(field);
        }

        var trimmed = value.Trim();
        if (trimmed.Length > MaxIdLength)
        {
            return Problems.Invalid(field, "invalid_field", $"{field}: give 1-{MaxIdLength} characters without control characters");
        }

        return InputRules.InvisibleCharacter(field, trimmed);
    }
}

/// <summary>The body of a revoke call.</summary>
/// <param name="Reason">Why (badges).</param>
/// <param name="Signature">For grants: the revocation signed with the acting administrator's own credential.</param>
public sealed record RevokeRequest(string? Reason, string? Signature);

/// <summary>The body of a supersede call.</summary>
/// <param name="ReplacementId">The badge that replaces this one.</param>
public sealed record SupersedeRequest(string? ReplacementId);
