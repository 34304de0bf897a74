using System.ComponentModel.DataAnnotations;

namespace Badge.Sdk.Redis;

/// <summary>
/// What the Redis stores share: where the connection comes from, the database and the key prefix. Checked when the
/// host starts: a wrong value is an <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> naming the
/// option and the reason.
/// </summary>
public abstract class RedisStoreOptions
{
    private protected RedisStoreOptions(string keyPrefix) => KeyPrefix = keyPrefix;

    /// <summary>
    /// A StackExchange.Redis configuration string, such as <c>127.0.0.1:6379</c> or
    /// <c>redis.internal:6380,password=…,ssl=true</c>. When set, the store connects with it (one connection per
    /// distinct string, shared by both stores, and closed with the host; <c>abortConnect=false</c> unless the string
    /// says otherwise, so a Redis that is down at start fails store calls, not the start). When not set, the store
    /// uses the <see cref="StackExchange.Redis.IConnectionMultiplexer"/> registered in the services, and the host
    /// refuses to start if there is none. Never logged, and no error message repeats it.
    /// </summary>
    [RedisConfiguration]
    public string? Configuration { get; set; }

    /// <summary>
    /// The Redis database number, or <c>-1</c> (the default) for the connection's default database.
    /// </summary>
    [Range(-1, int.MaxValue, ErrorMessage = "{0} must be -1 (the connection's default database) or a database number from 0.")]
    public int Database { get; set; } = -1;

    /// <summary>
    /// Prefix of the store's keys (a key is the prefix and the id). Different stores, or different applications on one
    /// Redis, need different prefixes. Required.
    /// </summary>
    [Required(ErrorMessage = "{0} is required: the prefix of the store's keys, such as badge:challenge:.")]
    [MaxLength(256, ErrorMessage = "{0} must be at most 256 characters.")]
    public string KeyPrefix { get; set; }
}
