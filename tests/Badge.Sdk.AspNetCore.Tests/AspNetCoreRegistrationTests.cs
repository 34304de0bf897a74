using Badge.Sdk.AspNetCore.Challenges;
using Badge.Sdk.AspNetCore.Footer;
using Badge.Sdk.Challenges;
using Badge.Sdk.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Badge.Sdk.AspNetCore.Tests;

/// <summary>
/// <c>AddBadgeFooter</c> and <c>AddBadgeChallenges</c> as a host calls them: twice gives one working registration,
/// options bind from configuration, invalid options are refused at start, and the host's own rate-limiter settings
/// are left alone.
/// </summary>
public sealed class AspNetCoreRegistrationTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void AddBadgeFooter_CalledTwice_OneRefresher_AndTheSectionBound()
    {
        var section = Configuration(("Badge:Footer:BadgeId", "bdg-1"), ("Badge:Footer:RefreshInterval", "00:10:00")).GetSection("Badge:Footer");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBadgeAuthorityClient(o => o.BaseAddress = new Uri("http://127.0.0.1:5280/"));
        services.AddBadgeFooter(section);
        services.AddBadgeFooter();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.Single(services, d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService));
        var options = provider.GetRequiredService<IOptions<BadgeFooterOptions>>().Value;
        Assert.Equal("bdg-1", options.BadgeId);
        Assert.Equal(TimeSpan.FromMinutes(10), options.RefreshInterval);
    }

    [Fact]
    public void AddBadgeFooter_NegativeRefreshInterval_IsRefusedAtStart()
    {
        var services = new ServiceCollection();
        services.AddBadgeAuthorityClient(o => o.BaseAddress = new Uri("http://127.0.0.1:5280/"));
        services.AddBadgeFooter(o =>
        {
            o.BadgeId = "bdg-1";
            o.RefreshInterval = TimeSpan.FromSeconds(-1);
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("RefreshInterval", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddBadgeChallenges_CalledTwice_OnePolicy_AndTheHostsRejectionStatusKept()
    {
        using var key = System.Security.Cryptography.ECDsa.Create();
        using var certificate = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=Weibo", key, System.Security.Cryptography.HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddRateLimiter(o => o.RejectionStatusCode = 503); // the host's own choice for its own policies
        services.AddBadgeAuthorityClient(o => o.BaseAddress = new Uri("http://127.0.0.1:5280/"));
        for (var i = 0; i < 2; i++)
        {
            services.AddBadgeChallenges(
                endpoints =>
                {
                    endpoints.Platform = PlatformId.Weibo;
                    endpoints.Certificate = certificate;
                    endpoints.PublicBaseAddress = new Uri("http://127.0.0.1:5080/");
                },
                protocol => protocol.Roots.Add(certificate));
        }

        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        var limiter = provider.GetRequiredService<IOptions<RateLimiterOptions>>().Value; // a second policy of the same name would throw here
        Assert.Equal(503, limiter.RejectionStatusCode);
        Assert.Single(services, d => d.ServiceType == typeof(ChallengeIssuer));
        Assert.NotNull(provider.GetRequiredService<ChallengeVerifier>());
    }

    [Fact]
    public void AddBadgeChallenges_FromConfiguration_WithoutACertificate_IsRefusedAtStart()
    {
        var section = Configuration(("Platform", "weibo"), ("PublicBaseAddress", "http://127.0.0.1:5080/"), ("PermitsPerMinute", "30"));
        var services = new ServiceCollection();
        services.AddBadgeAuthorityClient(o => o.BaseAddress = new Uri("http://127.0.0.1:5280/"));
        services.AddBadgeChallenges(section);
        using var provider = services.BuildServiceProvider();

        // Both options classes are invalid (no certificate, no roots): the start-up check reports each, by name.
        var error = Assert.Throws<AggregateException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.All(error.InnerExceptions, e => Assert.IsType<OptionsValidationException>(e));
        Assert.Contains(error.InnerExceptions, e => e.Message.Contains("BadgeChallengeEndpointOptions.Certificate is required", StringComparison.Ordinal));
        Assert.Contains(error.InnerExceptions, e => e.Message.Contains("ChallengeOptions.Roots", StringComparison.Ordinal));
    }
}
