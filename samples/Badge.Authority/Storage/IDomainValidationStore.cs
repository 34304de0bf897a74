namespace Badge.Authority.Storage;

/// <summary>What the emulator persists for domain control: pending website badges and their validation tokens.</summary>
public interface IDomainValidationStore
{
    /// <summary>
    /// Inserts a website badge, with its validation token when it is pending, in one transaction; refuses a
    /// duplicate id or an active duplicate domain.
    /// </summary>
    WriteOutcome InsertWebsiteBadge(BadgeRow badge, string? validationToken);

    /// <summary>The validation of a pending badge, if it has one.</summary>
    DomainValidationRow? GetDomainValidation(string badgeId);

    /// <summary>Records the outcome of a check: <paramref name="failure"/> is <see langword="null"/> when it succeeded.</summary>
    void RecordDomainCheck(string badgeId, DateTimeOffset at, string? failure);

    /// <summary>Pending website badges, least recently checked first.</summary>
    IReadOnlyList<BadgeRow> ListPendingWebsiteBadges(int limit);

    /// <summary>Makes a pending badge active; <see cref="WriteOutcome.DuplicateDomain"/> when an active badge holds its domain.</summary>
    /// <returns><see cref="WriteOutcome.Written"/>, <see cref="WriteOutcome.DuplicateDomain"/>, or <see cref="WriteOutcome.DuplicateId"/> when it was not pending.</returns>
    WriteOutcome ActivateWebsiteBadge(string badgeId, DateTimeOffset at);

    /// <summary>Active website badges whose domain equals, covers or is covered by <paramref name="asciiDomain"/>.</summary>
    IReadOnlyList<BadgeRow> ListActiveWebsiteBadgesAround(string asciiDomain);
}

/// <summary>A domain-validation token as stored.</summary>
/// <param name="BadgeId">The pending badge.</param>
/// <param name="Token">The token the site serves.</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="LastCheckedAt">When the authority last fetched it.</param>
/// <param name="LastError">Why the last fetch failed.</param>
public sealed record DomainValidationRow(string BadgeId, string Token, DateTimeOffset CreatedAt, DateTimeOffset? LastCheckedAt, string? LastError);
