using System.Diagnostics.CodeAnalysis;
using Badge.Sdk.Challenges;
using Badge.Sdk.Issuance;
using Badge.Sdk.Platforms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Badge.Sdk;

/// <summary>Registers platform adapters and the certification runner.</summary>
public static class BadgePlatformServiceCollectionExtensions
{
    /// <summary>
    /// Registers the built-in adapters (WeChat official accounts, mini programs, Weibo, Kuaishou) and a
    /// <see cref="CertificationRunner"/> over the registered <see cref="ICertificationStore"/> and
    /// <see cref="IChallengeStore"/> (in memory unless registered before) and the authority clients
    /// (<see cref="IBadgeAuthorityClient"/>, <see cref="IOperatorGrantClient"/>, <see cref="ICensusClient"/>: register them with the platform's key: <c>AddBadgeAuthorityClient</c>). Safe to call more than once.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddBadgePlatforms(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPlatformAdapter, WeChatOfficialAccountAdapter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPlatformAdapter, WeChatMiniProgramAdapter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPlatformAdapter, WeiboAdapter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPlatformAdapter, KuaishouAdapter>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICertificationStore, InMemoryCertificationStore>();
        services.TryAddSingleton<IChallengeStore, InMemoryChallengeStore>();
        services.TryAddSingleton(sp => new CertificationRunner(
            sp.GetServices<IPlatformAdapter>(), sp.GetRequiredService<ICertificationStore>(), sp.GetRequiredService<IBadgeAuthorityClient>(),
            sp.GetRequiredService<IOperatorGrantClient>(), sp.GetRequiredService<ICensusClient>(), sp.GetRequiredService<IChallengeStore>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<IVerifiedAccountSubjects>(),
            sp.GetService<Microsoft.Extensions.Logging.ILogger<CertificationRunner>>()));
        return services;
    }

    /// <summary>
    /// Adds a platform adapter (a platform the SDK does not ship, or a replacement for a built-in one: the adapter
    /// registered last for a platform wins), and everything <see cref="AddBadgePlatforms"/> registers.
    /// </summary>
    /// <typeparam name="TAdapter">The adapter.</typeparam>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddBadgePlatform<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TAdapter>(this IServiceCollection services)
        where TAdapter : class, IPlatformAdapter
    {
        services.AddBadgePlatforms();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPlatformAdapter, TAdapter>());
        return services;
    }
}
