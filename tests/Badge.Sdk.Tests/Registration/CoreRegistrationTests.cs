using Badge.Sdk.Challenges;
using Badge.Sdk.Issuance;
using Badge.Sdk.Verification;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Badge.Sdk.Tests.Registration;

/// <summary>
/// The core's <c>Add…</c> methods as a host calls them: twice gives one working registration, options come from a
/// configuration section as well as a delegate, and invalid options are refused at start (the host's
/// <see cref="IStartupValidator"/>, which <c>ValidateOnStart</c> feeds) with the option's name and the reason.
/// </summary>
public sealed class CoreRegistrationTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void AddBadgeAuthorityClient_CalledTwice_RegistersOneClientOfEachConcern()
    {
        var services = new ServiceCollection();
        services.AddBadgeAuthorityClient(o => o.BaseAddress = new Uri("http://127.0.0.1:5280/"));
        services.AddBadgeAuthorityClient(o => o.ApiKey = "demo-institution-a");

        Assert.Single(services, d => d.ServiceType == typeof(IBadgeAuthorityClient));
        Assert.Single(services, d => d.ServiceType == typeof(IOperatorGrantClient));
        Assert.Single(services, d => d.ServiceType == typeof(ICensusClient));
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.NotNull(provider.GetRequiredService<IBadgeAuthorityClient>());
        Assert.NotNull(provider.GetRequiredService<ICredentialAuthorityClient>());
        var options = provider.GetRequiredService<IOptions<BadgeAuthorityClientOptions>>().Value;
        Assert.Equal(new Uri("http://127.0.0.1:5280/"), options.BaseAddress); // both delegates applied, in order
        Assert.Equal("demo-institution-a", options.ApiKey);
    }

    [Fact]
    public void AddBadgeAuthorityClient_FromConfiguration_BindsTheSection()
    {
        var section = Configuration(("Badge:Client:BaseAddress", "http://127.0.0.1:5280/"), ("Badge:Client:AttemptTimeout", "00:00:04")).GetSection("Badge:Client");
        var services = new ServiceCollection();
        services.AddBadgeAuthorityClient(section);
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        var options = provider.GetRequiredService<IOptions<BadgeAuthorityClientOptions>>().Value;
        Assert.Equal(new Uri("http://127.0.0.1:5280/"), options.BaseAddress);
        Assert.Equal(TimeSpan.FromSeconds(4), options.AttemptTimeout);
    }

    [Theory]
    [InlineData(null, "BaseAddress")]
    [InlineData("ftp://127.0.0.1/", "BaseAddress")]
    public void AddBadgeAuthorityClient_InvalidOptions_AreRefusedAtStart(string? address, string field)
    {
        var services = new ServiceCollection();
        services.AddBadgeAuthorityClient(o => o.BaseAddress = address is null ? null : new Uri(address));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddBadgeAuthorityClient_AttemptLongerThanTotal_IsRefusedAtStart()
    {
        var services = new ServiceCollection();
        services.AddBadgeAuthorityClient(o =>
        {
            o.BaseAddress = new Uri("http://127.0.0.1:5280/");
            o.AttemptTimeout = TimeSpan.FromSeconds(30);
            o.TotalTimeout = TimeSpan.FromSeconds(10);
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("AttemptTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSiteBadgeVerifier_CalledTwice_RegistersOneVerifier_AndBindsConfiguration()
    {
        var section = Configuration(("Verifier:Authority", "http://127.0.0.1:5280/"), ("Verifier:MaxRedirects", "3")).GetSection("Verifier");
        var services = new ServiceCollection();
        services.AddBadgeAuthorityClient(o => o.BaseAddress = new Uri("http://127.0.0.1:5280/")); // the verifier reads certificates through it
        services.AddSiteBadgeVerifier(section);
        services.AddSiteBadgeVerifier();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.Single(services, d => d.ServiceType == typeof(SiteBadgeVerifier));
        Assert.NotNull(provider.GetRequiredService<SiteBadgeVerifier>());
        Assert.Equal(3, provider.GetRequiredService<IOptions<SiteBadgeVerifierOptions>>().Value.MaxRedirects);
    }

    [Fact]
    public void AddSiteBadgeVerifier_TooManyRedirects_IsRefusedAtStart()
    {
        var services = new ServiceCollection();
        services.AddSiteBadgeVerifier(o =>
        {
            o.Authority = new Uri("http://127.0.0.1:5280/");
            o.MaxRedirects = 50;
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("MaxRedirects", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddBadgeChallengeProtocol_CalledTwice_RegistersOneIssuer_AndBindsTheDurations()
    {
        var section = Configuration(("Challenges:Lifetime", "00:03:00")).GetSection("Challenges");
        var services = new ServiceCollection();
        services.AddBadgeAuthorityClient(o => o.BaseAddress = new Uri("http://127.0.0.1:5280/"));
        services.AddBadgeChallengeProtocol(section);
        using var key = System.Security.Cryptography.ECDsa.Create();
        using var root = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=Test Root", key, System.Security.Cryptography.HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        services.AddBadgeChallengeProtocol(o => o.Roots.Add(root));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.Single(services, d => d.ServiceType == typeof(ChallengeIssuer));
        Assert.Single(services, d => d.ServiceType == typeof(ChallengeVerifier));
        Assert.Equal(TimeSpan.FromMinutes(3), provider.GetRequiredService<IOptions<ChallengeOptions>>().Value.Lifetime);
        Assert.NotNull(provider.GetRequiredService<ChallengeVerifier>());
    }

    [Fact]
    public void AddBadgeChallengeProtocol_ZeroLifetime_IsRefusedAtStart()
    {
        var services = new ServiceCollection();
        services.AddBadgeChallengeProtocol(o => o.Lifetime = TimeSpan.Zero);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("Lifetime", error.Message, StringComparison.Ordinal);
    }
}
