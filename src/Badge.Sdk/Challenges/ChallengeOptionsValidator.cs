using Microsoft.Extensions.Options;

namespace Badge.Sdk.Challenges;

/// <summary>Checks <see cref="ChallengeOptions"/> by its data annotations (generated code, AOT-safe).</summary>
[OptionsValidator]
internal sealed partial class ChallengeOptionsValidator : IValidateOptions<ChallengeOptions>
{
    public static ChallengeOptionsValidator Instance { get; } = new();
}
