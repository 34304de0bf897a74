using Badge.Sdk.AspNetCore.Challenges;
using Badge.Sdk.Challenges;
using Badge.Sdk.Platforms;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Badge.Sdk.Identity;

namespace Badge.Sdk.AspNetCore;

/// <summary>Adds the QR challenge endpoints to a platform host: <c>AddBadgeChallenges</c> and <c>MapBadgeChallenges</c>.</summary>
public static class BadgeChallengeExtensions
{
    /// <summary>
    /// Registers the challenge endpoints: the challenge issuer and verifier (<c>AddBadgeChallengeProtocol</c>, over the
    /// registered <see cref="IChallengeStore"/>, in memory by default, and the authority clients (<see cref="Issuance.IOperatorGrantClient"/>, <see cref="Issuance.ICredentialAuthorityClient"/>)
    /// with the platform's key), both options classes validated when the host starts, and the rate-limiter policy
    /// <see cref="BadgeChallengeEndpoints.RateLimiterPolicy"/>, which answers 429 (the host's own
    /// <c>RejectionStatusCode</c> is left alone). Safe to call more than once.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configureEndpoints">The platform, its certificate and the public address.</param>
    /// <param name="configureProtocol">Lifetime and the authority roots.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddBadgeChallenges(
        this IServiceCollection services, Action<BadgeChallengeEndpointOptions> configureEndpoints, Action<ChallengeOptions> configureProtocol)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configureEndpoints);
        ArgumentNullException.ThrowIfNull(configureProtocol);
        services.AddOptions<BadgeChallengeEndpointOptions>().Configure(configureEndpoints);
        services.AddOptions<ChallengeOptions>().Configure(configureProtocol);
        return services.AddBadgeChallenges();
    }

    /// <summary>
    /// Registers the challenge endpoints as
    /// <see cref="AddBadgeChallenges(IServiceCollection, Action{BadgeChallengeEndpointOptions}, Action{ChallengeOptions})"/>
    /// does, with the values configuration can hold bound from one section (such as <c>Badge:Challenges</c>):
    /// <c>Platform</c>, <c>PublicBaseAddress</c>, <c>PermitsPerMinute</c> and the <see cref="ChallengeOptions"/>
    /// durations (<c>Lifetime</c>, <c>AuthorityTimeout</c>, …). Certificates are objects: set
    /// <see cref="BadgeChallengeEndpointOptions.Certificate"/> and <see cref="ChallengeOptions.Roots"/> with
    /// <c>services.Configure&lt;…&gt;(…)</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section the options are bound from.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddBadgeChallenges(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<BadgeChallengeEndpointOptions>().Configure(options => BindEndpointOptions(configuration, options));
        services.AddBadgeChallengeProtocol(configuration);
        return services.AddBadgeChallenges();
    }

    /// <summary>
    /// Registers the challenge endpoints with options set elsewhere (<c>services.Configure&lt;…&gt;(…)</c>); see
    /// <see cref="AddBadgeChallenges(IServiceCollection, Action{BadgeChallengeEndpointOptions}, Action{ChallengeOptions})"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddBadgeChallenges(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<BadgeChallengeEndpointOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BadgeChallengeEndpointOptions>, BadgeChallengeEndpointOptionsValidator>());
        services.AddBadgeChallengeProtocol();
        if (services.Any(d => d.ServiceType == typeof(BadgeChallengesMarker)))
        {
            // The JSON resolver and the rate-limiter policy are added once (a second policy of the same name throws).
            return services;
        }

        services.AddSingleton<BadgeChallengesMarker>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ChallengeEndpointJsonContext.Default));
        services.AddRateLimiter(limiter => limiter.AddPolicy(BadgeChallengeEndpoints.RateLimiterPolicy, new BadgeChallengeRateLimiterPolicy()));
        return services;
    }

    /// <summary>
    /// Maps the challenge endpoints under <paramref name="prefix"/>: create (POST <c>{prefix}</c>), the signed request
    /// (GET <c>{prefix}/{id}/request</c>), answer (POST <c>{prefix}/{id}/answer</c>) and status (GET
    /// <c>{prefix}/{id}/status</c>). Returns the group so the host adds its own authorization (only a signed-in account
    /// should start a challenge). The host calls <c>UseRateLimiter()</c>.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="prefix">The path prefix. Default <c>/challenges</c>.</param>
    /// <returns>The route group.</returns>
    public static RouteGroupBuilder MapBadgeChallenges(this IEndpointRouteBuilder endpoints, string prefix = "/challenges")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        if (endpoints.ServiceProvider.GetService<BadgeChallengesMarker>() is null)
        {
            throw new InvalidOperationException("Call builder.Services.AddBadgeChallenges(...) before app.MapBadgeChallenges().");
        }

        return BadgeChallengeEndpoints.Map(endpoints, prefix);
    }

    // The values configuration can hold; the certificates are set in code.
    private static void BindEndpointOptions(IConfiguration configuration, BadgeChallengeEndpointOptions options)
    {
        if (configuration[nameof(BadgeChallengeEndpointOptions.Platform)] is { Length: > 0 } platform)
        {
            options.Platform = PlatformId.TryParse(platform, out var id, out var problem)
                ? id
                : throw new OptionsValidationException(
                    Options.DefaultName, typeof(BadgeChallengeEndpointOptions), [$"BadgeChallengeEndpointOptions.Platform '{platform}' is not a platform id: {problem.Message}"]);
        }

        options.PublicBaseAddress = configuration.GetValue(nameof(BadgeChallengeEndpointOptions.PublicBaseAddress), options.PublicBaseAddress);
        options.PermitsPerMinute = configuration.GetValue(nameof(BadgeChallengeEndpointOptions.PermitsPerMinute), options.PermitsPerMinute);
    }

    private sealed class BadgeChallengesMarker;
}
