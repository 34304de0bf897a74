using Badge.Sdk.Challenges;
using Badge.Sdk.Issuance;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Badge.Sdk;

/// <summary>Registers the QR challenge protocol: <see cref="ChallengeIssuer"/> and <see cref="ChallengeVerifier"/>.</summary>
public static class BadgeChallengeServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ChallengeIssuer"/> and <see cref="ChallengeVerifier"/> over the registered
    /// <see cref="IChallengeStore"/> (in memory unless one is registered) and <see cref="IOperatorGrantClient"/> and <see cref="ICredentialAuthorityClient"/>
    /// (register it with the platform's key: <c>AddBadgeAuthorityClient</c>), with <see cref="ChallengeOptions"/>
    /// validated when the host starts. ASP.NET Core hosts call <c>AddBadgeChallenges</c>, which calls this. Safe to
    /// call more than once.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options: at least the authority's root in <see cref="ChallengeOptions.Roots"/>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddBadgeChallengeProtocol(this IServiceCollection services, Action<ChallengeOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<ChallengeOptions>().Configure(configure);
        return services.AddBadgeChallengeProtocol();
    }

    /// <summary>
    /// Registers the challenge protocol as <see cref="AddBadgeChallengeProtocol(IServiceCollection, Action{ChallengeOptions})"/>
    /// does, with the durations bound from a configuration section (<c>Lifetime</c>, <c>AuthorityTimeout</c>,
    /// <c>RevocationCacheDuration</c>, <c>ChainCacheDuration</c>, <c>GrantCacheDuration</c>). Certificates are not
    /// read from configuration: add the roots with <c>services.Configure&lt;ChallengeOptions&gt;(o =&gt; o.Roots.Add(…))</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section the options are bound from.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddBadgeChallengeProtocol(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ChallengeOptions>().Configure(options => BindChallengeOptions(configuration, options));
        return services.AddBadgeChallengeProtocol();
    }

    /// <summary>
    /// Registers the challenge protocol with options set elsewhere (<c>services.Configure&lt;ChallengeOptions&gt;(…)</c>);
    /// see <see cref="AddBadgeChallengeProtocol(IServiceCollection, Action{ChallengeOptions})"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddBadgeChallengeProtocol(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ChallengeOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChallengeOptions>, ChallengeOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IChallengeStore, InMemoryChallengeStore>();
        services.TryAddSingleton(sp => new ChallengeIssuer(
            sp.GetRequiredService<IChallengeStore>(), sp.GetRequiredService<IOptions<ChallengeOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new ChallengeVerifier(
            sp.GetRequiredService<IChallengeStore>(), sp.GetRequiredService<IOperatorGrantClient>(), sp.GetRequiredService<ICredentialAuthorityClient>(),
            sp.GetRequiredService<IOptions<ChallengeOptions>>().Value, sp.GetRequiredService<TimeProvider>(),
            sp.GetService<Microsoft.Extensions.Logging.ILogger<ChallengeVerifier>>()));
        return services;
    }

    // The durations only: the roots and algorithms are objects configuration cannot hold.
    private static void BindChallengeOptions(IConfiguration configuration, ChallengeOptions options)
    {
        options.Lifetime = configuration.GetValue(nameof(ChallengeOptions.Lifetime), options.Lifetime);
        options.AuthorityTimeout = configuration.GetValue(nameof(ChallengeOptions.AuthorityTimeout), options.AuthorityTimeout);
        options.RevocationCacheDuration = configuration.GetValue(nameof(ChallengeOptions.RevocationCacheDuration), options.RevocationCacheDuration);
        options.ChainCacheDuration = configuration.GetValue(nameof(ChallengeOptions.ChainCacheDuration), options.ChainCacheDuration);
        options.GrantCacheDuration = configuration.GetValue(nameof(ChallengeOptions.GrantCacheDuration), options.GrantCacheDuration);
    }
}
