using Badge.Sdk.Certificates;
using Badge.Sdk.Issuance;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Telemetry;

namespace Badge.Sdk;

/// <summary>Registers the authority client.</summary>
public static class BadgeAuthorityServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IBadgeAuthorityClient"/> as a typed <see cref="HttpClient"/>, and the clients by concern
    /// (<see cref="IOperatorGrantClient"/>, <see cref="ICredentialAuthorityClient"/>, <see cref="ICensusClient"/>) on
    /// the same named client, with the standard resilience
    /// handler: attempt and total timeouts from the options (the attempt timeout covers reading the body), retries for
    /// reads and for mutating calls (which always carry an <c>Idempotency-Key</c>), a circuit breaker, and response
    /// bodies read with a size cap while they stream. The pipeline's retry, timeout and breaker events are logged at
    /// Debug (the caller gets the failure as a <see cref="BadgeAuthorityException"/>). Options are validated when the
    /// host starts. Safe to call more than once: the client is registered once, and each call's options apply.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options; <see cref="BadgeAuthorityClientOptions.BaseAddress"/> is required.</param>
    /// <returns>The HTTP client builder, to add handlers or change the primary handler (for example a connect callback).</returns>
    public static IHttpClientBuilder AddBadgeAuthorityClient(this IServiceCollection services, Action<BadgeAuthorityClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<BadgeAuthorityClientOptions>().Configure(configure);
        return services.AddBadgeAuthorityClient();
    }

    /// <summary>
    /// Registers <see cref="IBadgeAuthorityClient"/> as <see cref="AddBadgeAuthorityClient(IServiceCollection, Action{BadgeAuthorityClientOptions})"/>
    /// does, with the options bound from a configuration section (such as <c>Badge:Client</c>, holding
    /// <c>BaseAddress</c>, <c>ApiKey</c>, <c>AttemptTimeout</c>, …).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section the options are bound from.</param>
    /// <returns>The HTTP client builder.</returns>
    public static IHttpClientBuilder AddBadgeAuthorityClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<BadgeAuthorityClientOptions>().Bind(configuration);
        return services.AddBadgeAuthorityClient();
    }

    /// <summary>
    /// Registers <see cref="IBadgeAuthorityClient"/> with options set elsewhere (for example
    /// <c>services.Configure&lt;BadgeAuthorityClientOptions&gt;(…)</c>); see
    /// <see cref="AddBadgeAuthorityClient(IServiceCollection, Action{BadgeAuthorityClientOptions})"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The HTTP client builder.</returns>
    public static IHttpClientBuilder AddBadgeAuthorityClient(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<BadgeAuthorityClientOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BadgeAuthorityClientOptions>, BadgeAuthorityClientOptionsValidator>());
        if (services.Any(d => d.ServiceType == typeof(BadgeAuthorityClientMarker)))
        {
            // Registered before: a builder for the same client, without a second pipeline or handler.
            return services.AddHttpClient(HttpClientName);
        }

        services.AddSingleton<BadgeAuthorityClientMarker>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new CertificateCache(
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<BadgeAuthorityClientOptions>>(),
            sp.GetService<Microsoft.Extensions.Caching.Distributed.IDistributedCache>()));

        var builder = services.AddHttpClient<IBadgeAuthorityClient, BadgeAuthorityClient>((sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<BadgeAuthorityClientOptions>>().Value;
            http.BaseAddress = options.BaseAddress;
            // The resilience pipeline owns timeouts.
            http.Timeout = Timeout.InfiniteTimeSpan;
        });

        // Outside the pipeline: one span, log line and measurement per call, however many attempts it takes.
        builder.AddHttpMessageHandler(sp => new AuthorityTelemetryHandler(AuthorityLogger(sp)));
        builder.AddResilienceHandler("badge-authority", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<BadgeAuthorityClientOptions>>().Value;
            var standard = new HttpStandardResilienceOptions();
            standard.TotalRequestTimeout.Timeout = options.TotalTimeout;
            standard.AttemptTimeout.Timeout = options.AttemptTimeout;
            standard.CircuitBreaker.SamplingDuration = options.AttemptTimeout * 2 > standard.CircuitBreaker.SamplingDuration
                ? options.AttemptTimeout * 2
                : standard.CircuitBreaker.SamplingDuration;
            var handled = standard.Retry.ShouldHandle;
            standard.Retry.ShouldHandle = async args =>
            {
                var request = args.Context.GetRequestMessage();
                var safe = request is not null
                    && (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head
                        || request.Headers.Contains(BadgeAuthorityClient.IdempotencyKeyHeader));
                return safe && await handled(args).ConfigureAwait(false);
            };

            pipeline
                .AddTimeout(standard.TotalRequestTimeout)
                .AddRetry(standard.Retry)
                .AddCircuitBreaker(standard.CircuitBreaker)
                .AddTimeout(standard.AttemptTimeout);

            // Retries, timeouts and the breaker are expected when the authority is slow or down, and the caller gets
            // a BadgeAuthorityException saying so (the footer logs one warning per change of state). Polly would log
            // each at Warning or Error with the exception's stack trace; here they are Debug events.
            var telemetry = new TelemetryOptions(context.ServiceProvider.GetRequiredService<IOptions<TelemetryOptions>>().Value)
            {
                SeverityProvider = static _ => ResilienceEventSeverity.Debug,
            };
            pipeline.ConfigureTelemetry(telemetry);
        });

        // Inside the pipeline, so the attempt timeout covers reading the body and a body cut short is retried.
        builder.AddHttpMessageHandler(sp => new AuthorityTelemetryHandler.Attempts(AuthorityLogger(sp)));
        builder.AddHttpMessageHandler(sp => new BoundedResponseHandler(sp.GetRequiredService<IOptions<BadgeAuthorityClientOptions>>().Value.MaxResponseBytes));

        // The clients by concern share the named HttpClient (and so its pipeline and handlers) with IBadgeAuthorityClient.
        var name = builder.Name;
        services.TryAddTransient<IOperatorGrantClient>(sp => CreateClient(sp, name));
        services.TryAddTransient<ICredentialAuthorityClient>(sp => CreateClient(sp, name));
        services.TryAddTransient<ICensusClient>(sp => CreateClient(sp, name));
        return builder;
    }

    private static BadgeAuthorityClient CreateClient(IServiceProvider services, string name) => new(
        services.GetRequiredService<IHttpClientFactory>().CreateClient(name),
        services.GetRequiredService<IOptions<BadgeAuthorityClientOptions>>(),
        services.GetRequiredService<CertificateCache>());

    private static Microsoft.Extensions.Logging.ILogger AuthorityLogger(IServiceProvider services) =>
        services.GetService<Microsoft.Extensions.Logging.ILogger<BadgeAuthorityClient>>()
        ?? (Microsoft.Extensions.Logging.ILogger)Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    // The name AddHttpClient<IBadgeAuthorityClient, BadgeAuthorityClient> gives the typed client.
    private const string HttpClientName = nameof(IBadgeAuthorityClient);

    private sealed class BadgeAuthorityClientMarker;
}
