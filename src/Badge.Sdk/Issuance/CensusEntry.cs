using Badge.Sdk.Platforms;

namespace Badge.Sdk.Issuance;

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
