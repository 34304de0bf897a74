using System.Security.Cryptography;
using Badge.Authority.Api;
using Badge.Authority.Storage;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;

namespace Badge.Authority.Domains;

/// <summary>
/// The rules for a website badge's domain: what is refused outright (public suffixes, another institution's
/// registration, an unregistered name under a registry the authority runs), what is active at once (a domain under
/// a registration the institution holds), what waits for proof over HTTP, and which overlapping badges may coexist
/// (only badges of different registered domains). Checks and writes of active website badges are serialised, so two
/// requests cannot both pass the overlap check.
/// </summary>
public sealed class WebsiteDomains(DomainRegistry registry, IAuthorityStore store, DomainValidationFetcher fetcher, TimeProvider time)
{
    private readonly Lock _gate = new();

    /// <summary>The registry.</summary>
    public DomainRegistry Registry => registry;

    /// <summary>Decides how a badge for <paramref name="domain"/> asked for by <paramref name="uscc"/> starts.</summary>
    /// <param name="domain">The domain.</param>
    /// <param name="uscc">The institution.</param>
    /// <param name="field">The request field, for problems.</param>
    /// <param name="provenByRegistry">Whether the registry proves control (the badge is active at once).</param>
    /// <returns>A problem, or <see langword="null"/>.</returns>
    internal IResult? Admit(SiteDomain domain, string uscc, string field, out bool provenByRegistry)
    {
        provenByRegistry = false;
        var ascii = domain.Ascii;
        if (registry.FindRegistration(ascii) is { } registration)
        {
            if (registration.Uscc != uscc)
            {
                return Problems.Create(StatusCodes.Status403Forbidden, AuthorityErrorCodes.DomainRegisteredToAnother, field,
                    $"{domain.Unicode} is under the registration {SiteDomain.Parse(registration.Domain).Unicode}, which another institution holds in the domain registry");
            }

            provenByRegistry = true;
            return null;
        }

        if (registry.Suffixes.IsPublicSuffix(ascii))
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, AuthorityErrorCodes.PublicSuffix, field,
                $"{domain.Unicode} is a public suffix (like gov.cn, 政务, com.cn): it is nobody's site; give your own domain");
        }

        if (registry.RegistrySuffixOf(ascii) is { } suffix)
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, AuthorityErrorCodes.DomainNotRegistered, field,
                $"{domain.Unicode} is not registered in the .{SiteDomain.Parse(suffix).Unicode} registry; register it first");
        }

        return null;
    }

    /// <summary>A new validation token: 128 random bits, URL-safe base64.</summary>
    /// <returns>The token.</returns>
    internal static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(16));

    /// <summary>Inserts a website badge (active or pending) after the overlap check.</summary>
    /// <param name="row">The badge.</param>
    /// <param name="token">Its validation token, when pending.</param>
    /// <returns>A problem, or <see langword="null"/>.</returns>
    internal IResult? Insert(BadgeRow row, string? token)
    {
        lock (_gate)
        {
            if (Overlap(row) is { } problem)
            {
                return problem;
            }

            return store.InsertWebsiteBadge(row, token) switch
            {
                WriteOutcome.Written => null,
                WriteOutcome.DuplicateDomain => Duplicate(row.Domain!),
                _ => Problems.Create(StatusCodes.Status409Conflict, "duplicate_badge", "id", "a badge with this id exists"),
            };
        }
    }

    /// <summary>Fetches a pending badge's token from its site and, when served, makes the badge active.</summary>
    /// <param name="row">The pending badge.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    /// <returns>A problem, or <see langword="null"/> when the badge is active now.</returns>
    internal async Task<IResult?> ValidateAsync(BadgeRow row, CancellationToken cancellationToken)
    {
        if (store.GetDomainValidation(row.Id) is not { } validation)
        {
            return Problems.Create(StatusCodes.Status409Conflict, AuthorityErrorCodes.InvalidState, "id", $"badge '{row.Id}' has no pending domain validation");
        }

        var domain = SiteDomain.Parse(row.Domain!);
        var failure = await fetcher.FetchAsync(domain, validation.Token, cancellationToken);
        var now = time.GetUtcNow();
        store.RecordDomainCheck(row.Id, now, failure);
        if (failure is not null)
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, AuthorityErrorCodes.DomainValidationFailed, "domain",
                $"control of {domain.Unicode} is not shown: {failure}. Serve the token at {DomainValidationFetcher.Url(domain, validation.Token, 80).AbsolutePath}", failure);
        }

        lock (_gate)
        {
            if (Overlap(row) is { } problem)
            {
                return problem;
            }

            return store.ActivateWebsiteBadge(row.Id, now) switch
            {
                WriteOutcome.Written => null,
                WriteOutcome.DuplicateDomain => Duplicate(row.Domain!),
                _ => Problems.Create(StatusCodes.Status409Conflict, AuthorityErrorCodes.InvalidState, "id", $"badge '{row.Id}' is no longer pending"),
            };
        }
    }

    /// <summary>
    /// The active website badge that vouches for a host: of the active badges whose domain covers it, the most
    /// specific. A badge shown on a host is genuine there only when it is this one.
    /// </summary>
    /// <param name="hostAscii">The host, ASCII form.</param>
    /// <returns>The badge, or <see langword="null"/>.</returns>
    public BadgeRow? MostSpecificFor(string hostAscii) =>
        store.ListActiveWebsiteBadgesAround(hostAscii)
            .Where(b => b.Domain is { } d && (d == hostAscii || hostAscii.EndsWith("." + d, StringComparison.Ordinal)))
            .OrderByDescending(b => b.Domain!.Length)
            .ThenBy(b => b.Legacy)
            .FirstOrDefault();

    // Overlapping active badges (one's domain covers the other's) may coexist only under different registered
    // domains: a.wanzai.gov.cn registered to another institution may have its own badge beside wanzai.gov.cn's,
    // but news.example.com cannot beside example.com. Legacy badges wait for supersession and do not count.
    private IResult? Overlap(BadgeRow row)
    {
        var ascii = row.Domain!;
        var registered = registry.RegisteredDomain(ascii);
        foreach (var other in store.ListActiveWebsiteBadgesAround(ascii))
        {
            if (other.Id == row.Id || other.Legacy)
            {
                continue;
            }

            if (other.Domain == ascii)
            {
                return Duplicate(ascii);
            }

            if (registry.RegisteredDomain(other.Domain!) == registered)
            {
                var otherDomain = SiteDomain.Parse(other.Domain!).Unicode;
                return Problems.Create(StatusCodes.Status409Conflict, AuthorityErrorCodes.OverlappingDomain, "domain",
                    $"the active badge {other.Id} for {otherDomain} overlaps {SiteDomain.Parse(ascii).Unicode} within the registered domain "
                    + $"{SiteDomain.Parse(registered).Unicode}; one registered domain has one badge for a name and its subdomains");
            }
        }

        return null;
    }

    private static IResult Duplicate(string ascii) =>
        Problems.Create(StatusCodes.Status409Conflict, AuthorityErrorCodes.DuplicateDomain, "domain",
            $"another active badge already vouches for {SiteDomain.Parse(ascii).Unicode}; revoke it first, or ask the authority to supersede it");

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
