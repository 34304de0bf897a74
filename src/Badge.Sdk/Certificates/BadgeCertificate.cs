using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Badge.Sdk.Platforms;

namespace Badge.Sdk.Certificates;

/// <summary>
/// The facts of a badge certificate (标识证书基本信息): what the page reached by clicking a badge shows, as data.
/// </summary>
public sealed record BadgeCertificate
{
    /// <summary>The badge id (标识编号).</summary>
    public required string BadgeId { get; init; }

    /// <summary>What the badge vouches for.</summary>
    public required BadgeKind Kind { get; init; }

    /// <summary>Whether the badge is in force, revoked or superseded.</summary>
    public required BadgeStatus Status { get; init; }

    /// <summary>The badge version these facts describe.</summary>
    public required int Version { get; init; }

    /// <summary>The organizer name (主办单位名称).</summary>
    public required OrganizerName OrganizerName { get; init; }

    /// <summary>The institution's unified social credit code.</summary>
    public required UnifiedSocialCreditCode Uscc { get; init; }

    /// <summary>The institution's kind, from its code.</summary>
    public required InstitutionKind InstitutionKind { get; init; }

    /// <summary>The online name (网上名称).</summary>
    public required OnlineName OnlineName { get; init; }

    /// <summary>For a website: the domain the badge vouches for, and its subdomains.</summary>
    public SiteDomain? Domain { get; init; }

    /// <summary>For a platform account: the platform.</summary>
    public PlatformId? Platform { get; init; }

    /// <summary>For a platform account: the account id.</summary>
    public string? AccountId { get; init; }

    /// <summary>The office that issued the badge.</summary>
    public required string IssuingOffice { get; init; }

    /// <summary>When the badge was issued.</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>When the facts last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>For a superseded badge: its successor's id.</summary>
    public string? SupersededBy { get; init; }

    /// <summary>For a revoked badge: why.</summary>
    public string? RevocationReason { get; init; }

    /// <summary>The human certificate page.</summary>
    public Uri? CertificateUrl { get; init; }

    /// <summary>The badge image.</summary>
    public Uri? ImageUrl { get; init; }
}
