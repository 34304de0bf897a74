namespace Badge.Sdk.Platforms;

/// <summary>The platform's review of a finished application.</summary>
/// <param name="Approved">Whether it approves.</param>
/// <param name="Reason">Why not, when it does not.</param>
/// <param name="ReviewerId">Who reviewed.</param>
public sealed record ReviewOutcome(bool Approved, string? Reason = null, string? ReviewerId = null);
