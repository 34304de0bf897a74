using Microsoft.Extensions.Options;

namespace Badge.Gateway;

/// <summary>Checks <see cref="GatewayOptions"/> by its data annotations (generated code).</summary>
[OptionsValidator]
internal sealed partial class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public static GatewayOptionsValidator Instance { get; } = new();
}
