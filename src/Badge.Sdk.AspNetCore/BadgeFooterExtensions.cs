using Badge.Sdk.AspNetCore.Footer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Badge.Sdk.AspNetCore;

/// <summary>Adds the badge footer to an ASP.NET Core site: <c>AddBadgeFooter</c> and <c>UseBadgeFooter</c>.</summary>
public static class BadgeFooterExtensions
{
    /// <summary>
    /// Registers the badge footer: its options, the background refresher that keeps badges fresh, the default
    /// host-to-badge resolver, and <see cref="IBadgeFooterMonitor"/> (what pages show and why). Needs an <see cref="Badge.Sdk.Issuance.IBadgeAuthorityClient"/> (register one with
    /// <c>AddBadgeAuthorityClient</c>). Calling it twice is harmless.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options: at least <see cref="BadgeFooterOptions.BadgeId"/> or <see cref="BadgeFooterOptions.Hosts"/>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddBadgeFooter(this IServiceCollection services, Action<BadgeFooterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<BadgeFooterOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o => o.LookAheadBytes >= 256, "BadgeFooterOptions.LookAheadBytes must be at least 256.")
            .Validate(o => o.RefreshInterval > TimeSpan.Zero && o.RetryInterval > TimeSpan.Zero, "BadgeFooterOptions.RefreshInterval and RetryInterval must be positive.")
            .Validate(o => o.RefreshTimeout > TimeSpan.Zero, "BadgeFooterOptions.RefreshTimeout must be positive.")
            .Validate(o => o.AssetPath.StartsWith('/') && !o.AssetPath.StartsWith("//", StringComparison.Ordinal), "BadgeFooterOptions.AssetPath must be a path on the site's own origin, such as /_badge.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BadgeFooterCatalog>();
        services.TryAddSingleton<IBadgeFooterMonitor>(sp => sp.GetRequiredService<BadgeFooterCatalog>());
        services.TryAddSingleton<BadgeFooterMetrics>();
        services.TryAddSingleton<IBadgeFooterResolver, ConfiguredBadgeFooterResolver>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, BadgeFooterRefresher>());
        services.AddMetrics();
        return services;
    }

    /// <summary>
    /// Adds the badge footer to every HTML page: streams each <c>text/html</c> response and writes the footer before
    /// its closing <c>&lt;/body&gt;</c>; serves the stylesheet and badge image under the asset path, and the
    /// domain-validation tokens of pending badges at <c>/.well-known/online-badge/{token}</c>. Place it after
    /// <c>UseResponseCompression()</c> and <c>UseExceptionHandler()</c>, before the endpoints and static files
    /// whose pages should carry the badge.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <returns>The application.</returns>
    public static IApplicationBuilder UseBadgeFooter(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ApplicationServices.GetService<IOptions<BadgeFooterOptions>>() is null || app.ApplicationServices.GetService<BadgeFooterCatalog>() is null)
        {
            throw new InvalidOperationException("Call builder.Services.AddBadgeFooter(...) before app.UseBadgeFooter().");
        }

        app.UseMiddleware<BadgeDomainValidationMiddleware>();
        return app.UseMiddleware<BadgeFooterMiddleware>();
    }

    /// <summary>Responses of this endpoint never get the badge footer.</summary>
    /// <typeparam name="TBuilder">The endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoint.</param>
    /// <returns>The builder.</returns>
    public static TBuilder WithoutBadgeFooter<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(endpoint => endpoint.Metadata.Add(new SkipBadgeFooterAttribute()));
        return builder;
    }
}
