namespace Badge.Sdk.AspNetCore.Footer;

/// <summary>Where the background refresh of one configured badge stands (see <see cref="IBadgeFooterMonitor"/>).</summary>
public enum BadgeFooterState
{
    /// <summary>
    /// Not read from the authority yet, or the badge is pending domain validation (looked at again after
    /// RetryInterval); pages go out without the badge.
    /// </summary>
    Pending,

    /// <summary>The last read succeeded; pages carry the badge in force now.</summary>
    Current,

    /// <summary>The authority says the badge is revoked; pages carry no badge.</summary>
    Revoked,

    /// <summary>
    /// The authority does not know the configured id (404), or refuses it for good (another 4xx), or its answer
    /// cannot be shown (no http(s) certificate page). A configuration or data problem: retried slowly, logged as an
    /// error once. Pages carry no badge.
    /// </summary>
    Rejected,

    /// <summary>
    /// The last reads failed (unreachable, timed out, reset, oversized or unreadable answers, 5xx); retried with
    /// backoff. Pages keep the last good footer if there was one (<see cref="BadgeFooterStatus.IsShown"/>).
    /// </summary>
    Failing,
}
