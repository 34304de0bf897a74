using Microsoft.Extensions.Options;

namespace Badge.Sdk.AspNetCore.Challenges;

/// <summary>Checks <see cref="BadgeChallengeEndpointOptions"/> by its data annotations (generated code, AOT-safe).</summary>
[OptionsValidator]
internal sealed partial class BadgeChallengeEndpointOptionsValidator : IValidateOptions<BadgeChallengeEndpointOptions>;
