using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Badge.Sdk.Redis;

/// <summary>
/// The connections the stores open from <see cref="RedisStoreOptions.Configuration"/>: one per distinct string, shared
/// by the stores, closed with the service provider. A connection registered by the application as
/// <see cref="IConnectionMultiplexer"/> is used as it is and left to the application.
/// </summary>
internal sealed class RedisStoreConnections : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<ConnectionMultiplexer>> _connections = new(StringComparer.Ordinal);

    public static IDatabase Database(IServiceProvider services, RedisStoreOptions options)
    {
        var connection = string.IsNullOrWhiteSpace(options.Configuration)
            ? services.GetRequiredService<IConnectionMultiplexer>()
            : services.GetRequiredService<RedisStoreConnections>().Get(options.Configuration);
        return connection.GetDatabase(options.Database);
    }

    public void Dispose()
    {
        foreach (var connection in _connections.Values)
        {
            if (connection.IsValueCreated)
            {
                connection.Value.Dispose();
            }
        }
    }

    private ConnectionMultiplexer Get(string configuration)
    {
        var connection = _connections.GetOrAdd(configuration, static c => new Lazy<ConnectionMultiplexer>(() => Connect(c)));
        try
        {
            return connection.Value;
        }
        catch (RedisConnectionException)
        {
            // Only with abortConnect=true in the string: the next resolution tries again rather than the failure staying.
            _connections.TryRemove(KeyValuePair.Create(configuration, connection));
            throw;
        }
    }

    private static ConnectionMultiplexer Connect(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        if (!configuration.Contains("abortConnect", StringComparison.OrdinalIgnoreCase))
        {
            // A Redis that is down when the store is first used fails the store's calls (and reconnects in the
            // background), not the host.
            options.AbortOnConnectFail = false;
        }

        return ConnectionMultiplexer.Connect(options);
    }
}
