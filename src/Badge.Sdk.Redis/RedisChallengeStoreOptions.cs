namespace Badge.Sdk.Redis;

/// <summary>
/// Configures the <see cref="RedisChallengeStore"/> registered by <c>AddRedisChallengeStore</c> (bound from a
/// configuration section such as <c>Badge:Redis:Challenges</c>, or set by a delegate).
/// <see cref="RedisStoreOptions.KeyPrefix"/> defaults to <c>badge:challenge:</c>.
/// </summary>
public sealed class RedisChallengeStoreOptions : RedisStoreOptions
{
    internal const string DefaultKeyPrefix = "badge:challenge:";

    /// <summary>Creates the options with the defaults.</summary>
    public RedisChallengeStoreOptions()
        : base(DefaultKeyPrefix)
    {
    }
}
