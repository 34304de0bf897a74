using Badge.Authority.Domains;
using Badge.Authority.Storage;
using Badge.Sdk.Certificates;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Microsoft.Extensions.Options;

namespace Badge.Authority.Api;

/// <summary>Domain control: validating a pending website badge, and which badge vouches for a host.</summary>
internal static class DomainEndpoints
{
    public static RouteGroupBuilder MapDomainEndpoints(this RouteGroupBuilder api)
    {
        var domains = api.MapGroup(string.Empty).WithTags("Domain control");
        domains.MapPost("/badges/{id}/validate-domain", ValidateDomain).WithName("ValidateDomain")
            .WithSummary("Fetch a pending website badge's token from http://{domain}/.well-known/online-badge/{token} and, when served, make the badge active")
            .Produces<BadgeRecord>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        domains.MapGet("/hosts/{host}/badge", BadgeForHost).WithName("FindBadgeForHost")
            .WithSummary("The active website badge vouching for a host: the most specific of those whose domain covers it")
            .Produces<BadgeRecord>().ProducesProblem(400).ProducesProblem(404);
        return api;
    }

    /// <summary>The badge as the API shows it; a pending website badge carries its validation token.</summary>
    public static BadgeRecord Record(BadgeRow row, IDomainValidationStore store, AuthorityOptions options)
    {
        var record = ApiModels.ToRecord(row);
        if (row.Status != "pending" || row.Domain is null || store.GetDomainValidation(row.Id) is not { } validation)
        {
            return record;
        }

        return record with
        {
            DomainValidation = new DomainValidation
            {
                Token = validation.Token,
                Url = DomainValidationFetcher.Url(SiteDomain.Parse(row.Domain), validation.Token, options.DomainValidationPort),
                LastCheckedAt = validation.LastCheckedAt,
                LastError = validation.LastError,
            },
        };
    }

    /// <summary>A pending badge has no certificate, image or script: it vouches for nothing yet.</summary>
    public static IResult? PendingProblem(BadgeRow row) => row.Status == "pending"
        ? Problems.Create(StatusCodes.Status404NotFound, AuthorityErrorCodes.BadgePending, "id",
            $"badge '{row.Id}' is pending: control of its domain is not shown yet, so it vouches for nothing")
        : null;

    /// <summary>
    /// Whether a badge vouches for the host a page showing it is on: its domain covers the host, and no more specific
    /// active badge (another registered subdomain's) covers it.
    /// </summary>
    public static bool VouchesFor(BadgeRow row, BadgeCertificate certificate, string host, WebsiteDomains domains)
    {
        if (certificate.Domain is not { } domain || !domain.CoversHost(host) || !SiteDomain.TryParse(host, out var parsed))
        {
            return false;
        }

        return row.Status != "active" || domains.MostSpecificFor(parsed.Ascii) is not { } best || best.Id == row.Id;
    }

    internal static async Task<IResult> ValidateDomain(string id, HttpContext context, IAuthorityStore store, WebsiteDomains domains, IOptions<AuthorityOptions> options)
    {
        var principal = context.GetPrincipal();
        if (principal.Role == PrincipalRole.Anonymous)
        {
            return Problems.Unauthorized();
        }

        if (store.GetBadge(Fields.BadgeId(id)) is not { } row)
        {
            return Problems.UnknownBadge(id);
        }

        if (principal.Role != PrincipalRole.Authority && !(principal.Role == PrincipalRole.Institution && principal.Subject == row.Uscc))
        {
            return Problems.Forbidden($"badge '{row.Id}' belongs to another institution", AuthorityErrorCodes.NotYourBadge);
        }

        if (row.Kind != "website" || row.Status is not ("pending" or "active"))
        {
            return Problems.Create(StatusCodes.Status409Conflict, AuthorityErrorCodes.InvalidState, "id",
                $"badge '{row.Id}' is a {row.Kind} badge and {row.Status}: only a pending website badge is validated");
        }

        if (row.Status == "pending" && await domains.ValidateAsync(row, context.RequestAborted) is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(Record(store.GetBadge(row.Id)!, store, options.Value));
    }

    private static IResult BadgeForHost(string host, WebsiteDomains domains)
    {
        if (!SiteDomain.TryParse(host, out var parsed, out var problem))
        {
            return Problems.FromIdentity("host", problem);
        }

        return domains.MostSpecificFor(parsed.Ascii) is { } row
            ? TypedResults.Ok(ApiModels.ToRecord(row))
            : Problems.Create(StatusCodes.Status404NotFound, "no_badge_for_host", "host", $"no active website badge vouches for {parsed.Unicode}");
    }
}
