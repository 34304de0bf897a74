using Badge.Sdk.Identity;
using Badge.Sdk.Platforms;
using Badge.Sdk.Certificates;

namespace Badge.Sdk.Issuance;

/// <summary>A badge as the authority holds it, with its status and version.</summary>
public sealed record BadgeRecord
{
    /// <summary>The badge id (also its number, 标识编号). Legacy badges keep their 32-hex-character CONAC id.</summary>
    public required string Id { get; init; }

    /// <summary>What the badge vouches for.</summary>
    public required BadgeKind Kind { get; init; }

    /// <summary>Whether the badge is in force, pending domain validation, revoked or superseded.</summary>
    public required BadgeStatus Status { get; init; }

    /// <summary>Increases with every change of the badge's facts or status.</summary>
    public required int Version { get; init; }

    /// <summary>The institution's code.</summary>
    public required UnifiedSocialCreditCode Uscc { get; init; }

    /// <summary>The organizer name.</summary>
    public required OrganizerName OrganizerName { get; init; }

    /// <summary>The online name of the site or account.</summary>
    public required OnlineName OnlineName { get; init; }

    /// <summary>For a website: the domain the badge vouches for (and its subdomains).</summary>
    public SiteDomain? Domain { get; init; }

    /// <summary>For a platform account: the platform.</summary>
    public PlatformId? Platform { get; init; }

    /// <summary>For a platform account: the account id.</summary>
    public string? AccountId { get; init; }

    /// <summary>Whether this is a legacy badge imported from the predecessor system.</summary>
    public bool IsLegacy { get; init; }

    /// <summary>When the badge was issued (or imported).</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>When the badge last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>For a superseded badge: the id of its successor.</summary>
    public string? SupersededBy { get; init; }

    /// <summary>For a successor: the id of the badge it replaced.</summary>
    public string? Supersedes { get; init; }

    /// <summary>For a revoked badge: why.</summary>
    public string? RevocationReason { get; init; }

    /// <summary>
    /// For a website badge that is <see cref="BadgeStatus.Pending"/>: how to show control of its domain (the token
    /// the site serves at <c>/.well-known/online-badge/{token}</c>); <see langword="null"/> otherwise.
    /// </summary>
    public DomainValidation? DomainValidation { get; init; }
}
