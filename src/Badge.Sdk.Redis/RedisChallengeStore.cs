using System.Text.Json;
using Badge.Sdk.Challenges;
using StackExchange.Redis;

namespace Badge.Sdk.Redis;

/// <summary>
/// Keeps challenges in Redis, one key each (<c>{prefix}{id}</c>) holding the version and the JSON, expiring ten
/// minutes after the challenge does. <see cref="TryReplaceAsync"/> runs as one Lua script: the replacement is
/// written only if the stored version is still the expected one, atomically across every node.
/// </summary>
public sealed class RedisChallengeStore : IChallengeStore
{
    internal const string ReplaceScript = """
        local current = redis.call('HGET', KEYS[1], 'v')
        if current == false or tonumber(current) ~= tonumber(ARGV[1]) then return 0 end
        redis.call('HSET', KEYS[1], 'v', ARGV[2], 'json', ARGV[3])
        return 1
        """;

    private static readonly TimeSpan Linger = TimeSpan.FromMinutes(10);
    private readonly IDatabase _database;
    private readonly string _prefix;

    /// <summary>Creates the store.</summary>
    /// <param name="database">The Redis database.</param>
    /// <param name="keyPrefix">Prefix of the keys. Default <c>badge:challenge:</c>.</param>
    public RedisChallengeStore(IDatabase database, string keyPrefix = RedisChallengeStoreOptions.DefaultKeyPrefix)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _prefix = keyPrefix ?? throw new ArgumentNullException(nameof(keyPrefix));
    }

    /// <inheritdoc />
    public async Task<bool> TryAddAsync(Challenge challenge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        var key = Key(challenge.Id);
        var transaction = _database.CreateTransaction();
        transaction.AddCondition(Condition.KeyNotExists(key));
        _ = transaction.HashSetAsync(key, [new HashEntry("v", challenge.Version), new HashEntry("json", Serialize(challenge))]);
        _ = transaction.KeyExpireAsync(key, challenge.ExpiresAt - challenge.CreatedAt + Linger);
        return await transaction.ExecuteAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<Challenge?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var json = await _database.HashGetAsync(Key(id), "json").ConfigureAwait(false);
        return json.IsNullOrEmpty ? null : JsonSerializer.Deserialize(json.ToString(), RedisJsonContext.Default.Challenge);
    }

    /// <inheritdoc />
    public async Task<bool> TryReplaceAsync(Challenge replacement, int expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        var result = await _database.ScriptEvaluateAsync(
            ReplaceScript, [Key(replacement.Id)], [expectedVersion, replacement.Version, Serialize(replacement)]).ConfigureAwait(false);
        return (long)result == 1;
    }

    private RedisKey Key(string id) => _prefix + id;

    private static string Serialize(Challenge challenge) => JsonSerializer.Serialize(challenge, RedisJsonContext.Default.Challenge);
}

[System.Text.Json.Serialization.JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[System.Text.Json.Serialization.JsonSerializable(typeof(Challenge))]
[System.Text.Json.Serialization.JsonSerializable(typeof(Badge.Sdk.Platforms.Certification))]
internal sealed partial class RedisJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
