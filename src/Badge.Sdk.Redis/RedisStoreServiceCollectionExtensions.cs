using Badge.Sdk.Challenges;
using Badge.Sdk.Platforms;
using Badge.Sdk.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Badge.Sdk;

/// <summary>Registers the Redis stores: <see cref="RedisChallengeStore"/> and <see cref="RedisCertificationStore"/>.</summary>
public static class RedisStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="RedisChallengeStore"/> as the <see cref="IChallengeStore"/>, replacing any registered
    /// before (the in-memory one <c>AddBadgeChallengeProtocol</c> or <c>AddBadgePlatforms</c> adds included), so the
    /// challenge protocol and the certification runner share challenges across every node. The connection is
    /// <see cref="RedisStoreOptions.Configuration"/> when set, otherwise the <see cref="IConnectionMultiplexer"/>
    /// registered in the services. Options are validated when the host starts. Safe to call more than once, before or
    /// after the other <c>Add…</c> methods: one store is registered, and each call's options apply.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options (the connection, database and key prefix).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddRedisChallengeStore(this IServiceCollection services, Action<RedisChallengeStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<RedisChallengeStoreOptions>().Configure(configure);
        return services.AddRedisChallengeStore();
    }

    /// <summary>
    /// Registers <see cref="RedisChallengeStore"/> as <see cref="AddRedisChallengeStore(IServiceCollection, Action{RedisChallengeStoreOptions})"/>
    /// does, with the options bound from a configuration section (such as <c>Badge:Redis:Challenges</c>, holding
    /// <c>Configuration</c>, <c>Database</c>, <c>KeyPrefix</c>).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section the options are bound from.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddRedisChallengeStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RedisChallengeStoreOptions>().Bind(configuration);
        return services.AddRedisChallengeStore();
    }

    /// <summary>
    /// Registers <see cref="RedisChallengeStore"/> over the registered <see cref="IConnectionMultiplexer"/>, or with
    /// options set elsewhere (<c>services.Configure&lt;RedisChallengeStoreOptions&gt;(…)</c>); see
    /// <see cref="AddRedisChallengeStore(IServiceCollection, Action{RedisChallengeStoreOptions})"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddRedisChallengeStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        AddValidatedOptions<RedisChallengeStoreOptions, RedisChallengeStoreOptionsValidator>(services);
        services.RemoveAll<IChallengeStore>();
        services.AddSingleton<IChallengeStore>(static sp =>
        {
            var options = sp.GetRequiredService<IOptions<RedisChallengeStoreOptions>>().Value;
            return new RedisChallengeStore(RedisStoreConnections.Database(sp, options), options.KeyPrefix);
        });
        return services;
    }

    /// <summary>
    /// Registers <see cref="RedisCertificationStore"/> as the <see cref="ICertificationStore"/>, replacing any
    /// registered before (the in-memory one <c>AddBadgePlatforms</c> adds included), so a platform certification
    /// survives a restart and is shared by every node. The connection is <see cref="RedisStoreOptions.Configuration"/>
    /// when set, otherwise the <see cref="IConnectionMultiplexer"/> registered in the services. Options are validated
    /// when the host starts. Safe to call more than once, before or after the other <c>Add…</c> methods.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options (the connection, database and key prefix).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddRedisCertificationStore(this IServiceCollection services, Action<RedisCertificationStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<RedisCertificationStoreOptions>().Configure(configure);
        return services.AddRedisCertificationStore();
    }

    /// <summary>
    /// Registers <see cref="RedisCertificationStore"/> as <see cref="AddRedisCertificationStore(IServiceCollection, Action{RedisCertificationStoreOptions})"/>
    /// does, with the options bound from a configuration section (such as <c>Badge:Redis:Certifications</c>, holding
    /// <c>Configuration</c>, <c>Database</c>, <c>KeyPrefix</c>).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section the options are bound from.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddRedisCertificationStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RedisCertificationStoreOptions>().Bind(configuration);
        return services.AddRedisCertificationStore();
    }

    /// <summary>
    /// Registers <see cref="RedisCertificationStore"/> over the registered <see cref="IConnectionMultiplexer"/>, or
    /// with options set elsewhere; see
    /// <see cref="AddRedisCertificationStore(IServiceCollection, Action{RedisCertificationStoreOptions})"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddRedisCertificationStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        AddValidatedOptions<RedisCertificationStoreOptions, RedisCertificationStoreOptionsValidator>(services);
        services.RemoveAll<ICertificationStore>();
        services.AddSingleton<ICertificationStore>(static sp =>
        {
            var options = sp.GetRequiredService<IOptions<RedisCertificationStoreOptions>>().Value;
            return new RedisCertificationStore(RedisStoreConnections.Database(sp, options), options.KeyPrefix);
        });
        return services;
    }

    private static void AddValidatedOptions<TOptions, TValidator>(IServiceCollection services)
        where TOptions : RedisStoreOptions
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, RedisStoreConnectionValidator<TOptions>>(
            static sp => new RedisStoreConnectionValidator<TOptions>(sp.GetService<IServiceProviderIsService>())));
        services.TryAddSingleton<RedisStoreConnections>();
    }
}
