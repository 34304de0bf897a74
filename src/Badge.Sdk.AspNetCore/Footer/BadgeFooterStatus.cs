namespace Badge.Sdk.AspNetCore.Footer;

/// <summary>What the badge footer knows about one configured badge: whether pages carry it and, if not, why.</summary>
public sealed record BadgeFooterStatus
{
    /// <summary>The badge id as configured (<see cref="BadgeFooterOptions.BadgeId"/> or a <see cref="BadgeFooterOptions.Hosts"/> value).</summary>
    public required string BadgeId { get; init; }

    /// <summary>Where its refresh stands.</summary>
    public required BadgeFooterState State { get; init; }

    /// <summary>The badge the pages show now (a successor after supersession), or <see langword="null"/> for none.</summary>
    public string? ShownBadgeId { get; init; }

    /// <summary>The version of the badge the pages show, or <see langword="null"/>.</summary>
    public int? ShownVersion { get; init; }

    /// <summary>Whether pages carry a footer for this badge now (after a failure: the last good one).</summary>
    public bool IsShown => ShownBadgeId is not null;

    /// <summary>For <see cref="BadgeFooterState.Failing"/> and <see cref="BadgeFooterState.Rejected"/>: what went wrong, for a person.</summary>
    public string? Problem { get; init; }

    /// <summary>The authority's problem code or the client's (see <c>AuthorityErrorCodes</c>), when there is one.</summary>
    public string? ProblemCode { get; init; }

    /// <summary>When the badge was last read successfully, or <see langword="null"/>.</summary>
    public DateTimeOffset? LastSuccessAt { get; init; }

    /// <summary>When the next read is due, or <see langword="null"/> before the first.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }
}
