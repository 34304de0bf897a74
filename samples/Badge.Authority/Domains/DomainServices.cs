namespace Badge.Authority.Domains;

/// <summary>Registers domain control: the registry, the rules, the ACME-style fetcher and the background checks.</summary>
internal static class DomainServices
{
    public static IServiceCollection AddDomainControl(this IServiceCollection services)
    {
        services.AddSingleton<DomainRegistry>();
        services.AddSingleton<WebsiteDomains>();
        services.AddSingleton<DomainValidationFetcher>();
        services.AddHostedService<DomainValidationService>();
        services.AddHttpClient(DomainValidationFetcher.ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false,
                UseCookies = false,
                ConnectTimeout = TimeSpan.FromSeconds(5),
                MaxResponseHeadersLength = 16,
            });
        return services;
    }
}
