using Badge.Sdk.Certificates;
using Badge.Sdk.Issuance;
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
    /// host starts.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options; <see cref="BadgeAuthorityClientOptions.BaseAddress"/> is required.</param>
    /// <returns>The HTTP client builder, to add handlers or change the primary handler (for example a connect callback).</returns>
    public static IHttpClientBuilder AddBadgeAuthorityClient(this IServiceCollection services, Action<BadgeAuthorityClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<BadgeAuthorityClientOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BadgeAuthorityClientOptions>, BadgeAuthorityClientOptionsValidator>());
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
}

internal sealed class BadgeAuthorityClientOptionsValidator : IValidateOptions<BadgeAuthorityClientOptions>
{
    public ValidateOptionsResult Validate(string? name, BadgeAuthorityClientOptions options)
    {
        var failures = new List<string>();
        if (options.BaseAddress is null)
        {
            failures.Add("BadgeAuthorityClientOptions.BaseAddress is required: the authority's address, e.g. http://127.0.0.1:5280/.");
        }
        else if (!options.BaseAddress.IsAbsoluteUri || (options.BaseAddress.Scheme != Uri.UriSchemeHttp && options.BaseAddress.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"BadgeAuthorityClientOptions.BaseAddress '{options.BaseAddress}' must be an absolute http or https address.");
        }

        if (options.CertificateCacheDuration <= TimeSpan.Zero)
        {
            failures.Add("BadgeAuthorityClientOptions.CertificateCacheDuration must be positive.");
        }

        if (options.AttemptTimeout <= TimeSpan.Zero || options.TotalTimeout < options.AttemptTimeout)
        {
            failures.Add("BadgeAuthorityClientOptions.AttemptTimeout must be positive and no longer than TotalTimeout.");
        }

        if (options.MaxResponseBytes < 1024)
        {
            failures.Add($"BadgeAuthorityClientOptions.MaxResponseBytes must be at least 1024 (it is {options.MaxResponseBytes}).");
        }

        if (options.MaxImageBytes < 1024)
        {
            failures.Add($"BadgeAuthorityClientOptions.MaxImageBytes must be at least 1024 (it is {options.MaxImageBytes}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
