using Microsoft.Extensions.Options;

namespace Badge.Sdk.AspNetCore.Footer;

/// <summary>Checks <see cref="BadgeFooterOptions"/> by its data annotations (generated code, AOT-safe).</summary>
[OptionsValidator]
internal sealed partial class BadgeFooterOptionsValidator : IValidateOptions<BadgeFooterOptions>;
