namespace Badge.Sdk.Redis;

/// <summary>
/// Configures the <see cref="RedisCertificationStore"/> registered by <c>AddRedisCertificationStore</c> (bound from a
/// configuration section such as <c>Badge:Redis:Certifications</c>, or set by a delegate).
/// <see cref="RedisStoreOptions.KeyPrefix"/> defaults to <c>badge:certification:</c>.
/// </summary>
public sealed class RedisCertificationStoreOptions : RedisStoreOptions
{
    internal const string DefaultKeyPrefix = "badge:certification:";

    /// <summary>Creates the options with the defaults.</summary>
    public RedisCertificationStoreOptions()
        : base(DefaultKeyPrefix)
    {
    }
}
