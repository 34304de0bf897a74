using Badge.Sdk.Identity;
using Badge.Sdk.Platforms;

namespace Badge.Sdk.Issuance;

/// <summary>
/// Government internet-application census entries (互联网政务应用普查信息) an institution files: its websites and
/// platform accounts. Verified Kuaishou accounts get their badge from these, with no action by the operator.
/// </summary>
public sealed record CensusSubmission
{
    /// <summary>The institution's code.</summary>
    public string? Uscc { get; init; }

    /// <summary>The entries.</summary>
    public IReadOnlyList<CensusEntry>? Entries { get; init; }
}

/// <summary>One website or platform account in a census submission.</summary>
public sealed record CensusEntry
{
    /// <summary>For an account: the platform id; <see langword="null"/> for a website.</summary>
    public string? Platform { get; init; }

    /// <summary>For an account: the account id.</summary>
    public string? AccountId { get; init; }

    /// <summary>For a website: the domain.</summary>
    public string? Domain { get; init; }

    /// <summary>The name of the site or account.</summary>
    public string? Name { get; init; }

    /// <summary>Whether the account carries the platform's own "V" verification (已加V).</summary>
    public bool Verified { get; init; }
}

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
