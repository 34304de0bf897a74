using Badge.Sdk.AspNetCore.Footer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Badge.Sdk.AspNetCore;

/// <summary>Adds the badge footer to an ASP.NET Core site: <c>AddBadgeFooter</c> and <c>UseBadgeFooter</c>.</summary>
public static class BadgeFooterExtensions
{
    /// <summary>
    /// Registers the badge footer: its options (validated when the host starts), the background refresher that keeps
    /// badges fresh, the default host-to-badge resolver, and <see cref="IBadgeFooterMonitor"/> (what pages show and
    /// why). Needs an <see cref="Badge.Sdk.Issuance.IBadgeAuthorityClient"/> (register one with
    /// <c>AddBadgeAuthorityClient</c>). Safe to call more than once: each call's options apply, the services are
    /// registered once.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options: at least <see cref="BadgeFooterOptions.BadgeId"/> or <see cref="BadgeFooterOptions.Hosts"/>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddBadgeFooter(this IServiceCollection services, Action<BadgeFooterOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<BadgeFooterOptions>().Configure(configure);
        return services.AddBadgeFooter();
    }

    /// <summary>
    /// Registers the badge footer as <see cref="AddBadgeFooter(IServiceCollection, Action{BadgeFooterOptions})"/> does,
    /// with the options bound from a configuration section (such as <c>Badge:Footer</c>, holding <c>BadgeId</c>,
    /// <c>Hosts:&lt;host name&gt;</c>, <c>Placement</c>, <c>RefreshInterval</c>, …).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section the options are bound from.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddBadgeFooter(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<BadgeFooterOptions>().Bind(configuration);
        return services.AddBadgeFooter();
    }

    /// <summary>
    /// Registers the badge footer with options set elsewhere (<c>services.Configure&lt;BadgeFooterOptions&gt;(…)</c>)
    /// or a custom <see cref="IBadgeFooterResolver"/>; see <see cref="AddBadgeFooter(IServiceCollection, Action{BadgeFooterOptions})"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddBadgeFooter(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<BadgeFooterOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BadgeFooterOptions>, BadgeFooterOptionsValidator>());
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
