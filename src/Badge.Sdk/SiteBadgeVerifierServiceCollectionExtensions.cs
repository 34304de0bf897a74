using System.Net;
using Badge.Sdk.Issuance;
using Badge.Sdk.Verification;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Badge.Sdk;

/// <summary>Registers <see cref="SiteBadgeVerifier"/>.</summary>
public static class SiteBadgeVerifierServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SiteBadgeVerifier"/> as a typed <see cref="HttpClient"/> whose handler never follows
    /// redirects itself (the verifier follows them, only to hosts the site's domain covers) and keeps idle
    /// connections briefly, so a bulk run over many sites holds no pool per host. It trusts the registered
    /// <see cref="IBadgeAuthorityClient"/> (<c>AddBadgeAuthorityClient</c>);
    /// <see cref="SiteBadgeVerifierOptions.Authority"/> defaults to that client's
    /// <see cref="BadgeAuthorityClientOptions.BaseAddress"/>. Options are validated when the host starts. Safe to
    /// call more than once.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>
    /// The HTTP client builder, to add handlers or change the primary handler (for example a connect callback that maps
    /// every host to a staging address: <c>ConfigurePrimaryHttpMessageHandler((handler, _) =&gt; …)</c>).
    /// </returns>
    public static IHttpClientBuilder AddSiteBadgeVerifier(this IServiceCollection services, Action<SiteBadgeVerifierOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SiteBadgeVerifierOptions>().Configure(configure);
        return services.AddSiteBadgeVerifier();
    }

    /// <summary>
    /// Registers <see cref="SiteBadgeVerifier"/> as <see cref="AddSiteBadgeVerifier(IServiceCollection, Action{SiteBadgeVerifierOptions})"/>
    /// does, with the options bound from a configuration section (such as <c>Badge:Verifier</c>, holding
    /// <c>Authority</c>, <c>Timeout</c>, <c>MaxPageBytes</c>, <c>MaxRedirects</c>, <c>BottomFraction</c>).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section the options are bound from.</param>
    /// <returns>The HTTP client builder.</returns>
    public static IHttpClientBuilder AddSiteBadgeVerifier(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SiteBadgeVerifierOptions>().Bind(configuration);
        return services.AddSiteBadgeVerifier();
    }

    /// <summary>
    /// Registers <see cref="SiteBadgeVerifier"/> with the default options (the authority is the authority client's
    /// address) or options set elsewhere; see <see cref="AddSiteBadgeVerifier(IServiceCollection, Action{SiteBadgeVerifierOptions})"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The HTTP client builder.</returns>
    public static IHttpClientBuilder AddSiteBadgeVerifier(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SiteBadgeVerifierOptions>, SiteBadgeVerifierOptionsValidator>());
        if (services.Any(d => d.ServiceType == typeof(SiteBadgeVerifierMarker)))
        {
            return services.AddHttpClient(HttpClientName);
        }

        services.AddSingleton<SiteBadgeVerifierMarker>();
        services.AddOptions<SiteBadgeVerifierOptions>()
            .PostConfigure<IOptions<BadgeAuthorityClientOptions>>((options, client) => options.Authority ??= client.Value.BaseAddress)
            .ValidateOnStart();
        var builder = services.AddHttpClient<SiteBadgeVerifier, SiteBadgeVerifier>(static (HttpClient http, IServiceProvider sp) =>
        {
            // The verifier's own deadline (SiteBadgeVerifierOptions.Timeout) covers every request and body of a site.
            http.Timeout = Timeout.InfiniteTimeSpan;
            return new SiteBadgeVerifier(http, sp.GetRequiredService<IBadgeAuthorityClient>(), sp.GetRequiredService<IOptions<SiteBadgeVerifierOptions>>().Value);
        });
        builder.ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            // Each site is visited once: idle connections (and their per-host pools) go soon, so memory stays flat
            // however many sites a bulk run checks.
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(1),
        });
        return builder;
    }

    private const string HttpClientName = nameof(SiteBadgeVerifier);

    private sealed class SiteBadgeVerifierMarker;
}
