using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Badge.Sdk.Redis;

/// <summary>
/// Checks that a Redis store has a connection: <see cref="RedisStoreOptions.Configuration"/>, or an
/// <see cref="IConnectionMultiplexer"/> in the services. Data annotations cannot see the services, so this one check
/// is written out.
/// </summary>
internal sealed class RedisStoreConnectionValidator<TOptions>(IServiceProviderIsService? services) : IValidateOptions<TOptions>
    where TOptions : RedisStoreOptions
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.Configuration) || services is null || services.IsService(typeof(IConnectionMultiplexer)))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(
            $"{typeof(TOptions).Name}.Configuration is required when no IConnectionMultiplexer is registered: set it (such as 127.0.0.1:6379), "
            + "or register the application's connection as IConnectionMultiplexer.");
    }
}
