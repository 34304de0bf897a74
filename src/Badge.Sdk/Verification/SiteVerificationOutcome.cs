namespace Badge.Sdk.Verification;

/// <summary>The overall outcome of checking one site.</summary>
public enum SiteVerificationOutcome
{
    /// <summary>The badge is in place, genuine, in force, and vouches for this site and the expected institution.</summary>
    Pass,

    /// <summary>The site was checked and something is wrong; see the findings.</summary>
    Findings,

    /// <summary>
    /// The site could not be checked (unreachable, timed out, unreadable, not HTML, too large, redirected away); the
    /// finding says why.
    /// </summary>
    CouldNotCheck,
}

