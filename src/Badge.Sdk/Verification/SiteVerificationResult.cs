using Badge.Sdk.Certificates;

namespace Badge.Sdk.Verification;

/// <summary>The result of checking one site.</summary>
public sealed record SiteVerificationResult
{
    /// <summary>The address checked.</summary>
    public required Uri Site { get; init; }

    /// <summary>The outcome.</summary>
    public required SiteVerificationOutcome Outcome { get; init; }

    /// <summary>Every finding, in the order found; empty on <see cref="SiteVerificationOutcome.Pass"/>.</summary>
    public required IReadOnlyList<SiteFinding> Findings { get; init; }

    /// <summary>How the badge appears in the page.</summary>
    public BadgePresentation Presentation { get; init; }

    /// <summary>The badge id the page shows, when one was found.</summary>
    public string? BadgeId { get; init; }

    /// <summary>
    /// Informational notes that do not fail the check: a legacy badge the authority replaced centrally
    /// (<see cref="SiteFindingCodes.ReplacedCentrally"/>) or one still awaiting that replacement
    /// (<see cref="SiteFindingCodes.AwaitingCentralReplacement"/>).
    /// </summary>
    public IReadOnlyList<SiteFinding> Notices { get; init; } = [];

    /// <summary>The certificate facts, read from the authority's signed document (for a legacy badge replaced centrally, its successor's).</summary>
    public BadgeCertificate? Certificate { get; init; }
}
