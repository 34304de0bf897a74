namespace Badge.Authority.Api;

/// <summary>The body of a supersede call.</summary>
/// <param name="ReplacementId">The badge that replaces this one.</param>
public sealed record SupersedeRequest(string? ReplacementId);
