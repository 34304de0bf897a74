namespace Badge.Authority.Api;

/// <summary>The body of a revoke call.</summary>
/// <param name="Reason">Why (badges).</param>
/// <param name="Signature">For grants: the revocation signed with the acting administrator's own credential.</param>
public sealed record RevokeRequest(string? Reason, string? Signature);
