using Badge.Sdk.Certificates;
using Badge.Sdk.Identity;

namespace Badge.Sdk.Issuance;

/// <summary>
/// The issuing authority's badge API (protocol v1): issuing, reading, revoking and superseding badges, legacy
/// migration, domain validation, and the certificates and images the authority publishes for them. Operator grants,
/// credential certificates and census records have clients of their own (<see cref="IOperatorGrantClient"/>,
/// <see cref="ICredentialAuthorityClient"/>, <see cref="ICensusClient"/>) on the same connection and options.
/// Every failure of the service throws <see cref="BadgeAuthorityException"/>.
/// </summary>
public interface IBadgeAuthorityClient
{
    /// <summary>Issues a badge for a website or a platform account (<c>POST /api/v1/badges</c>). Safe to retry.</summary>
    /// <param name="request">What to issue.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The badge with its embed code.</returns>
    Task<IssuedBadge> IssueBadgeAsync(IssueBadgeRequest request, CancellationToken cancellationToken = default);

    /// <summary>Reads a badge with its status and version (<c>GET /api/v1/badges/{id}</c>).</summary>
    /// <param name="badgeId">The badge id, or a legacy id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The badge.</returns>
    Task<BadgeRecord> GetBadgeAsync(string badgeId, CancellationToken cancellationToken = default);

    /// <summary>Follows supersession from a badge (or legacy id) to the badge in force now, at most 8 steps.</summary>
    /// <param name="badgeId">The badge id, or a legacy id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The last badge of the chain: active, or revoked.</returns>
    Task<BadgeRecord> ResolveCurrentBadgeAsync(string badgeId, CancellationToken cancellationToken = default);

    /// <summary>Lists an institution's badges, oldest first (<c>GET /api/v1/institutions/{uscc}/badges</c>).</summary>
    /// <param name="uscc">The institution.</param>
    /// <param name="page">The 1-based page.</param>
    /// <param name="pageSize">Badges a page, 1–100.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    Task<BadgePage> ListBadgesAsync(UnifiedSocialCreditCode uscc, int page = 1, int pageSize = 50, CancellationToken cancellationToken = default);

    /// <summary>Revokes a badge of the caller's institution (<c>POST /api/v1/badges/{id}/revoke</c>).</summary>
    /// <param name="badgeId">The badge.</param>
    /// <param name="reason">Why, shown on the certificate page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The revoked badge.</returns>
    Task<BadgeRecord> RevokeBadgeAsync(string badgeId, string reason, CancellationToken cancellationToken = default);

    /// <summary>Imports a legacy badge (<c>POST /api/v1/legacy-badges</c>; authority key).</summary>
    /// <param name="request">The legacy badge.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The imported badge, whose id is the legacy id.</returns>
    Task<BadgeRecord> ImportLegacyBadgeAsync(ImportLegacyBadgeRequest request, CancellationToken cancellationToken = default);

    /// <summary>Supersedes a badge with its replacement (<c>POST /api/v1/badges/{id}/supersede</c>; authority key).</summary>
    /// <param name="badgeId">The badge being replaced, often a legacy id.</param>
    /// <param name="replacementId">The active badge that replaces it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The superseded badge, pointing to its successor.</returns>
    Task<BadgeRecord> SupersedeBadgeAsync(string badgeId, string replacementId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads a badge's certificate facts (<c>GET /api/v1/badges/{id}/certificate</c>), from the cache when fresh;
    /// revalidated with <c>If-None-Match</c> after <see cref="BadgeAuthorityClientOptions.CertificateCacheDuration"/>.
    /// Concurrent lookups of one badge share one request. A hit allocates nothing.
    /// </summary>
    /// <param name="badgeId">The badge.</param>
    /// <param name="cancellationToken">Cancels this caller's wait (not the shared request).</param>
    /// <returns>The facts.</returns>
    ValueTask<BadgeCertificate> GetCertificateAsync(string badgeId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the certificate document signed by the authority and verifies it against the authority's signing
    /// certificate published at <c>/.well-known/badge-authority</c>.
    /// </summary>
    /// <param name="badgeId">The badge.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The verified document.</returns>
    Task<SignedBadgeCertificate> GetSignedCertificateAsync(string badgeId, CancellationToken cancellationToken = default);

    /// <summary>Reads the badge image (SVG) the authority draws for a badge (<c>GET /badges/{id}.svg</c>).</summary>
    /// <param name="badgeId">The badge.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The SVG document's bytes.</returns>
    Task<byte[]> GetBadgeImageAsync(string badgeId, CancellationToken cancellationToken = default);

    /// <summary>Reads the authority's published metadata and signing certificate.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The metadata.</returns>
    Task<AuthorityMetadata> GetAuthorityMetadataAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Asks the authority to check a pending website badge's domain now (<c>POST /api/v1/badges/{id}/validate-domain</c>;
    /// the institution's key): it fetches <c>http://{domain}/.well-known/online-badge/{token}</c> and, when the site
    /// serves the token, makes the badge active. A badge that is active already is returned as it is.
    /// </summary>
    /// <param name="badgeId">The pending badge.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The badge, active.</returns>
    /// <exception cref="BadgeAuthorityException">
    /// <see cref="AuthorityErrorCodes.DomainValidationFailed"/> when the site did not serve the token (the problem's
    /// reason says what the authority saw), or another code when the badge cannot become active.
    /// </exception>
    Task<BadgeRecord> ValidateDomainAsync(string badgeId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The active website badge that vouches for a host: of the active badges whose domain covers it, the most
    /// specific (<c>GET /api/v1/hosts/{host}/badge</c>; no key). A badge shown on a host is genuine for it only when it
    /// is this one.
    /// </summary>
    /// <param name="host">The host, for example <c>www.example.gov.cn</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The badge, or <see langword="null"/> when no active badge covers the host.</returns>
    Task<BadgeRecord?> FindBadgeForHostAsync(string host, CancellationToken cancellationToken = default);
}
