using Badge.Sdk.Certificates;
using Badge.Sdk.Challenges;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Badge.Sdk.Platforms;

/// <summary>An account attached from a census record.</summary>
/// <param name="Record">The census record.</param>
/// <param name="BadgeId">The badge issued for it.</param>
public sealed record CensusAttachment(CensusRecord Record, string BadgeId);
