using Badge.Sdk.Identity;

namespace Badge.Sdk.Issuance;

/// <summary>A grant of the credential to an account operator.</summary>
public sealed record OperatorGrant
{
    /// <summary>The grant id.</summary>
    public required string Id { get; init; }

    /// <summary>The institution.</summary>
    public required UnifiedSocialCreditCode Uscc { get; init; }

    /// <summary>The platform.</summary>
    public required PlatformId Platform { get; init; }

    /// <summary>The account id.</summary>
    public required string AccountId { get; init; }

    /// <summary>The operator's id.</summary>
    public required string OperatorId { get; init; }

    /// <summary>Who granted it.</summary>
    public required string GrantedBy { get; init; }

    /// <summary>When it was granted.</summary>
    public required DateTimeOffset GrantedAt { get; init; }

    /// <summary>Who revoked it, if it was.</summary>
    public string? RevokedBy { get; init; }

    /// <summary>When it was revoked, if it was.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Whether the grant holds.</summary>
    public bool IsActive => RevokedAt is null;
}
