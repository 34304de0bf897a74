using Badge.Sdk.Challenges;
using Badge.Sdk.Identity;
using Badge.Sdk.Platforms;

namespace Badge.Sdk.Challenges;

/// <summary>What the credential app shows before asking for the certificate password.</summary>
/// <param name="ChallengeId">The challenge.</param>
/// <param name="Platform">The platform.</param>
/// <param name="PlatformName">The platform's name, from its certificate.</param>
/// <param name="MaskedAccount">The account, masked.</param>
/// <param name="Action">What is being authorized.</param>
/// <param name="DisplayCode">The code the platform's page shows too.</param>
/// <param name="ExpiresAt">When the request expires.</param>
public sealed record ChallengeRequestView(string ChallengeId, PlatformId Platform, string PlatformName, string MaskedAccount, string Action, string DisplayCode, DateTimeOffset ExpiresAt);
