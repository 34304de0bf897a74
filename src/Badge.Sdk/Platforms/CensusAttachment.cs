using Badge.Sdk.Issuance;

namespace Badge.Sdk.Platforms;

/// <summary>An account attached from a census record.</summary>
/// <param name="Record">The census record.</param>
/// <param name="BadgeId">The badge issued for it.</param>
public sealed record CensusAttachment(CensusRecord Record, string BadgeId);
