using Badge.Sdk.Identity;

namespace Badge.Sdk.Issuance;

/// <summary>A stored census record.</summary>
public sealed record CensusRecord
{
    /// <summary>The record id.</summary>
    public required string Id { get; init; }

    /// <summary>The institution.</summary>
    public required UnifiedSocialCreditCode Uscc { get; init; }

    /// <summary>For an account: the platform.</summary>
    public PlatformId? Platform { get; init; }

    /// <summary>For an account: the account id.</summary>
    public string? AccountId { get; init; }

    /// <summary>For a website: the domain.</summary>
    public SiteDomain? Domain { get; init; }

    /// <summary>The name of the site or account.</summary>
    public required OnlineName Name { get; init; }

    /// <summary>The institution's registered name (filled in the census attachments list, for the badge's organizer name).</summary>
    public OrganizerName? OrganizerName { get; init; }

    /// <summary>Whether the account carries the platform's "V" verification.</summary>
    public bool Verified { get; init; }

    /// <summary>When it was filed.</summary>
    public required DateTimeOffset SubmittedAt { get; init; }
}
