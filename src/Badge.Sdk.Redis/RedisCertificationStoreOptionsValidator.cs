using Microsoft.Extensions.Options;

namespace Badge.Sdk.Redis;

/// <summary>Checks <see cref="RedisCertificationStoreOptions"/> by its data annotations (generated code).</summary>
[OptionsValidator]
internal sealed partial class RedisCertificationStoreOptionsValidator : IValidateOptions<RedisCertificationStoreOptions>;
