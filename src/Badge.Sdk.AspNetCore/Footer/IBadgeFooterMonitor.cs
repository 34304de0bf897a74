namespace Badge.Sdk.AspNetCore.Footer;

/// <summary>
/// Reports what the badge footer shows and why (for a health check, a start-up banner or an admin page).
/// Registered by <c>AddBadgeFooter</c>; reading it never calls the authority.
/// </summary>
public interface IBadgeFooterMonitor
{
    /// <summary>The status of one configured badge; <see cref="BadgeFooterState.Pending"/> for an id not read yet.</summary>
    /// <param name="badgeId">The badge id as configured.</param>
    /// <returns>The status.</returns>
    BadgeFooterStatus GetStatus(string badgeId);

    /// <summary>The status of every badge the footer knows (configured, or met on a request).</summary>
    /// <returns>The statuses, in no particular order.</returns>
    IReadOnlyList<BadgeFooterStatus> GetStatuses();
}
