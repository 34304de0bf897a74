namespace Badge.Sdk.Issuance;

/// <summary>One page of an institution's badges.</summary>
public sealed record BadgePage
{
    /// <summary>The badges on this page, oldest first.</summary>
    public required IReadOnlyList<BadgeRecord> Items { get; init; }

    /// <summary>The 1-based page number.</summary>
    public required int Page { get; init; }

    /// <summary>The page size asked for.</summary>
    public required int PageSize { get; init; }

    /// <summary>How many badges the institution has in all.</summary>
    public required int TotalCount { get; init; }

    /// <summary>Whether a later page exists.</summary>
    public bool HasMore => Page * PageSize < TotalCount;
}
