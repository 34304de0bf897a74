using Microsoft.Extensions.Options;

namespace Badge.Sdk.Redis;

/// <summary>Checks <see cref="RedisChallengeStoreOptions"/> by its data annotations (generated code).</summary>
[OptionsValidator]
internal sealed partial class RedisChallengeStoreOptionsValidator : IValidateOptions<RedisChallengeStoreOptions>;
