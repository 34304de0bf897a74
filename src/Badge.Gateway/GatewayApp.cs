using System.Text;
using Badge.Sdk;
using Badge.Sdk.AspNetCore;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace Badge.Gateway;

/// <summary>Builds and runs the gateway: YARP with the badge footer in its pipeline.</summary>
internal static class GatewayApp
{
    /// <summary>The route and cluster made from <c>Gateway:Upstream</c>.</summary>
    public const string UpstreamRouteId = "upstream";

    // Defaults a site owner would otherwise write into appsettings.json; every configuration source overrides them.
    private static readonly Dictionary<string, string?> Defaults = new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        // The gateway logs an upstream's trouble once per change of state; YARP's own per-request lines stay quiet.
        ["Logging:LogLevel:Yarp"] = "Warning",
        ["Logging:LogLevel:Yarp.ReverseProxy.Forwarder"] = "Error",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
        ["Logging:LogLevel:Polly"] = "Warning",
        // A failed start is reported in one line by RunAsync, not as a logged stack trace.
        ["Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host"] = "None",
        ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "None",
    };

    /// <summary>Runs the gateway until it is stopped. A configuration or start-up problem prints one line and exits 2.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        WebApplication app;
        try
        {
            app = Build(args);
            await app.StartAsync();
        }
        catch (Exception ex) when (ex is GatewayConfigurationException or OptionsValidationException or InvalidOperationException or IOException or System.Security.Cryptography.CryptographicException or UnauthorizedAccessException or FormatException)
        {
            await Console.Error.WriteLineAsync("badge-gateway: " + OneLine(ex));
            return 2;
        }

        await using (app)
        {
            await app.WaitForShutdownAsync();
        }

        return 0;
    }

    /// <summary>Builds the gateway from command-line arguments (and the usual environment and appsettings.json).</summary>
    /// <param name="args">The command line.</param>
    /// <param name="configure">For tests: changes to the builder (a logging provider, say) before it is built.</param>
    /// <exception cref="GatewayConfigurationException">The configuration is incomplete or wrong.</exception>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = "badge-gateway",
        });
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = Defaults });
        var configFile = builder.Configuration["Gateway:ConfigFile"];
        if (!string.IsNullOrEmpty(configFile))
        {
            if (!File.Exists(configFile))
            {
                throw new GatewayConfigurationException($"Gateway:ConfigFile: the file '{configFile}' does not exist.");
            }

            // The file sits above appsettings.json; environment variables and the command line still win.
            builder.Configuration.AddJsonFile(Path.GetFullPath(configFile), optional: false, reloadOnChange: true);
            builder.Configuration.AddEnvironmentVariables();
            builder.Configuration.AddCommandLine(args);
        }

        var configuration = builder.Configuration;
        var settings = GatewayConfiguration.Read(configuration);

        builder.Services.AddSingleton(settings.Gateway);
        // Checked in Read already (the routes are built from it); registered as options as well, so the host checks
        // the section again when it starts, as every options class of the SDK is checked.
        builder.Services.AddOptions<GatewayOptions>().Bind(configuration.GetSection(GatewayOptions.Section)).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>>(GatewayOptionsValidator.Instance));
        builder.Services.AddBadgeAuthorityClient(o =>
        {
            o.BaseAddress = settings.Authority;
            o.ApiKey = configuration["Badge:ApiKey"];
        });
        builder.Services.AddBadgeFooter(o => GatewayConfiguration.BindFooter(configuration, o));

        var proxy = builder.Services.AddReverseProxy();
        if (settings.Gateway.Upstream is not null)
        {
            proxy.LoadFromMemory([UpstreamRoute()], [UpstreamCluster(settings.Gateway)]);
        }

        // YARP's own section: routes and clusters for several sites and upstreams, reloaded when the file changes
        // (also when it first appears there after the start).
        proxy.LoadFromConfig(configuration.GetSection("ReverseProxy"));

        proxy.AddTransforms(context =>
        {
            // CMSs route by Host: keep the client's unless the route says otherwise. X-Forwarded-* are YARP's default.
            if (settings.Gateway.PreserveHost && context.Route.Transforms?.Any(t => t.ContainsKey("RequestHeaderOriginalHost")) != true)
            {
                context.AddOriginalHost(useOriginal: true);
            }
        });

        builder.Services.AddSingleton<GatewayMetrics>();
        builder.Services.AddSingleton<GatewayMonitor>();
        builder.Services.AddHostedService(s => s.GetRequiredService<GatewayMonitor>());
        builder.Services.AddHealthChecks()
            .AddCheck<BadgeHealthCheck>("badges", tags: ["badge"])
            .AddCheck<UpstreamHealthCheck>("upstreams", tags: ["upstream"]);
        builder.Services.Configure<HstsOptions>(configuration.GetSection("Gateway:Hsts"));
        builder.Services.Configure<HstsOptions>(o =>
        {
            // The section's list adds to ASP.NET Core's defaults; a configured list replaces them.
            var excluded = configuration.GetSection("Gateway:Hsts:ExcludedHosts").Get<string[]>();
            if (excluded is not null)
            {
                o.ExcludedHosts.Clear();
                foreach (var host in excluded)
                {
                    o.ExcludedHosts.Add(host);
                }
            }
        });

        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseHealthChecks(settings.Gateway.HealthPath, new HealthCheckOptions
        {
            ResponseWriter = HealthReportWriter.WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        if (settings.Gateway.Hsts.Enabled)
        {
            app.UseHsts();
        }

        if (settings.Gateway.HttpsRedirect)
        {
            app.UseHttpsRedirection();
        }

        app.UseBadgeFooter();
        app.MapReverseProxy(pipeline =>
        {
            pipeline.UseMiddleware<UpstreamErrorPages>();
            pipeline.UseSessionAffinity();
            pipeline.UseLoadBalancing();
            pipeline.UsePassiveHealthChecks();
        });
        return app;
    }

    private static RouteConfig UpstreamRoute() => new()
    {
        RouteId = UpstreamRouteId,
        ClusterId = UpstreamRouteId,
        // Routes from the ReverseProxy section come first; this one takes whatever they leave.
        Order = int.MaxValue,
        Match = new RouteMatch { Path = "/{**catch-all}" },
    };

    private static ClusterConfig UpstreamCluster(GatewayOptions options) => new()
    {
        ClusterId = UpstreamRouteId,
        Destinations = new Dictionary<string, DestinationConfig>(StringComparer.OrdinalIgnoreCase)
        {
            [UpstreamRouteId] = new() { Address = options.Upstream!.ToString() },
        },
        HttpRequest = new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig { ActivityTimeout = options.Timeout },
    };

    // The messages of an exception and its causes on one line, without types or stack.
    internal static string OneLine(Exception ex)
    {
        var text = new StringBuilder();
        for (var e = ex; e is not null; e = e.InnerException)
        {
            var message = e is AggregateException aggregate
                ? string.Join(" ", aggregate.InnerExceptions.Select(i => i.Message))
                : e.Message;
            if (text.Length > 0 && text.ToString().Contains(message, StringComparison.Ordinal))
            {
                continue;
            }

            if (text.Length > 0)
            {
                text.Append(" — ");
            }

            text.Append(message);
            if (e is AggregateException)
            {
                break;
            }
        }

        return text.ToString().ReplaceLineEndings(" ");
    }
}
