using Microsoft.Extensions.Options;

namespace Badge.Sdk.Verification;

/// <summary>Checks <see cref="SiteBadgeVerifierOptions"/> by its data annotations (generated code, AOT-safe).</summary>
[OptionsValidator]
internal sealed partial class SiteBadgeVerifierOptionsValidator : IValidateOptions<SiteBadgeVerifierOptions>
{
    public static SiteBadgeVerifierOptionsValidator Instance { get; } = new();
}
