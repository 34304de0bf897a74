using Microsoft.Extensions.Options;

namespace Badge.Sdk.Issuance;

/// <summary>Checks <see cref="BadgeAuthorityClientOptions"/> by its data annotations (generated code, AOT-safe).</summary>
[OptionsValidator]
internal sealed partial class BadgeAuthorityClientOptionsValidator : IValidateOptions<BadgeAuthorityClientOptions>;
