using System.Text.Json;
using Badge.Sdk.Platforms;
using StackExchange.Redis;

namespace Badge.Sdk.Redis;

/// <summary>
/// Keeps certifications in Redis, one hash each (<c>{prefix}{id}</c>: the version and the JSON), so a flow survives
/// a restart and is shared by every node. <see cref="TryReplaceAsync"/> is the same atomic Lua compare-and-swap as
/// the challenge store's. Certifications do not expire.
/// </summary>
public sealed class RedisCertificationStore : ICertificationStore
{
    private readonly IDatabase _database;
    private readonly string _prefix;

    /// <summary>Creates the store.</summary>
    /// <param name="database">The Redis database.</param>
    /// <param name="keyPrefix">Prefix of the keys. Default <c>badge:certification:</c>.</param>
    public RedisCertificationStore(IDatabase database, string keyPrefix = RedisCertificationStoreOptions.DefaultKeyPrefix)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _prefix = keyPrefix ?? throw new ArgumentNullException(nameof(keyPrefix));
    }

    /// <inheritdoc />
    public async Task<bool> TryAddAsync(Certification certification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certification);
        var key = Key(certification.Id);
        var transaction = _database.CreateTransaction();
        transaction.AddCondition(Condition.KeyNotExists(key));
        _ = transaction.HashSetAsync(key, [new HashEntry("v", certification.Version), new HashEntry("json", Serialize(certification))]);
        return await transaction.ExecuteAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<Certification?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var json = await _database.HashGetAsync(Key(id), "json").ConfigureAwait(false);
        return json.IsNullOrEmpty ? null : JsonSerializer.Deserialize(json.ToString(), RedisJsonContext.Default.Certification);
    }

    /// <inheritdoc />
    public async Task<bool> TryReplaceAsync(Certification replacement, int expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        var result = await _database.ScriptEvaluateAsync(
            RedisChallengeStore.ReplaceScript, [Key(replacement.Id)], [expectedVersion, replacement.Version, Serialize(replacement)]).ConfigureAwait(false);
        return (long)result == 1;
    }

    private RedisKey Key(string id) => _prefix + id;

    private static string Serialize(Certification certification) => JsonSerializer.Serialize(certification, RedisJsonContext.Default.Certification);
}
