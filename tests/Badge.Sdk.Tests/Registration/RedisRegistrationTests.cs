using Badge.Sdk.Challenges;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Badge.Sdk.Platforms;
using Badge.Sdk.Redis;
using Badge.Sdk.TestData;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NSubstitute;
using StackExchange.Redis;

namespace Badge.Sdk.Tests.Registration;

/// <summary>
/// <c>AddRedisChallengeStore</c> and <c>AddRedisCertificationStore</c> as a host calls them: they replace the in-memory
/// stores whatever the order, twice gives one store, options come from a configuration section as well as a delegate,
/// invalid options are refused at start naming the option, and the stores resolved from the services work against a
/// real Redis (<c>BADGE_REDIS</c>; skipped without one unless <c>BADGE_REQUIRE_SYSTEM_PACKAGES=1</c>).
/// </summary>
public sealed class RedisRegistrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    // The application's own connection, isolated: these tests are about the registration, not Redis.
    private static IConnectionMultiplexer Multiplexer()
    {
        var multiplexer = Substitute.For<IConnectionMultiplexer>();
        multiplexer.GetDatabase(Arg.Any<int>(), Arg.Any<object?>()).Returns(_ => Substitute.For<IDatabase>());
        return multiplexer;
    }

    [Fact]
    public void AddRedisChallengeStore_CalledTwiceAfterTheProtocol_ReplacesTheInMemoryStore_WithOne()
    {
        var multiplexer = Multiplexer();
        var services = new ServiceCollection();
        services.AddSingleton(multiplexer);
        services.AddBadgeAuthorityClient(o => o.BaseAddress = new Uri("http://127.0.0.1:5280/"));
        using var root = Root();
        services.AddBadgeChallengeProtocol(o => o.Roots.Add(root));
        services.AddRedisChallengeStore(o => o.Database = 3);
        services.AddRedisChallengeStore();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.Single(services, d => d.ServiceType == typeof(IChallengeStore));
        Assert.IsType<RedisChallengeStore>(provider.GetRequiredService<IChallengeStore>());
        Assert.NotNull(provider.GetRequiredService<ChallengeIssuer>());
        multiplexer.Received(1).GetDatabase(3, Arg.Any<object?>());
    }

    [Fact]
    public void AddRedisStores_BeforeThePlatforms_AreKept()
    {
        var services = new ServiceCollection();
        services.AddSingleton(Multiplexer());
        services.AddRedisChallengeStore();
        services.AddRedisCertificationStore();
        services.AddRedisCertificationStore();
        services.AddBadgePlatforms(); // adds the in-memory stores only where none is registered
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.Single(services, d => d.ServiceType == typeof(IChallengeStore));
        Assert.Single(services, d => d.ServiceType == typeof(ICertificationStore));
        Assert.IsType<RedisChallengeStore>(provider.GetRequiredService<IChallengeStore>());
        Assert.IsType<RedisCertificationStore>(provider.GetRequiredService<ICertificationStore>());
    }

    [Fact]
    public void AddRedisStores_FromConfiguration_BindTheirSections()
    {
        var configuration = Configuration(
            ("Badge:Redis:Challenges:Configuration", "127.0.0.1:6390,connectTimeout=2000"),
            ("Badge:Redis:Challenges:Database", "2"),
            ("Badge:Redis:Challenges:KeyPrefix", "site-a:challenge:"),
            ("Badge:Redis:Certifications:Configuration", "127.0.0.1:6390"),
            ("Badge:Redis:Certifications:KeyPrefix", "site-a:certification:"));
        var services = new ServiceCollection();
        services.AddRedisChallengeStore(configuration.GetSection("Badge:Redis:Challenges"));
        services.AddRedisCertificationStore(configuration.GetSection("Badge:Redis:Certifications"));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        var challenges = provider.GetRequiredService<IOptions<RedisChallengeStoreOptions>>().Value;
        var certifications = provider.GetRequiredService<IOptions<RedisCertificationStoreOptions>>().Value;
        Assert.Equal(("127.0.0.1:6390,connectTimeout=2000", 2, "site-a:challenge:"), (challenges.Configuration, challenges.Database, challenges.KeyPrefix));
        Assert.Equal(("127.0.0.1:6390", -1, "site-a:certification:"), (certifications.Configuration, certifications.Database, certifications.KeyPrefix));
    }

    [Fact]
    public void AddRedisStores_Defaults_TheKeyPrefixesTheStoresAlwaysUsed()
    {
        var services = new ServiceCollection();
        services.AddSingleton(Multiplexer());
        services.AddRedisChallengeStore();
        services.AddRedisCertificationStore();
        using var provider = services.BuildServiceProvider();

        Assert.Equal("badge:challenge:", provider.GetRequiredService<IOptions<RedisChallengeStoreOptions>>().Value.KeyPrefix);
        Assert.Equal("badge:certification:", provider.GetRequiredService<IOptions<RedisCertificationStoreOptions>>().Value.KeyPrefix);
    }

    [Theory]
    [InlineData("Database", "127.0.0.1:6390", -2, "badge:challenge:")]
    [InlineData("KeyPrefix", "127.0.0.1:6390", -1, "")]
    [InlineData("Configuration", "127.0.0.1:6390,notAnOption=1", -1, "badge:challenge:")]
    [InlineData("Configuration", ",", -1, "badge:challenge:")]
    public void AddRedisChallengeStore_InvalidOptions_AreRefusedAtStart(string field, string configuration, int database, string prefix)
    {
        var services = new ServiceCollection();
        services.AddRedisChallengeStore(o =>
        {
            o.Configuration = configuration;
            o.Database = database;
            o.KeyPrefix = prefix;
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains($"RedisChallengeStoreOptions.{field}", error.Message, StringComparison.Ordinal);
        Assert.Single(error.Failures);
    }

    [Fact]
    public void AddRedisCertificationStore_NoConnectionAnywhere_IsRefusedAtStart_NamingBothWays()
    {
        var services = new ServiceCollection();
        services.AddRedisCertificationStore(o => o.KeyPrefix = "site-a:certification:");
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("RedisCertificationStoreOptions.Configuration is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("IConnectionMultiplexer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddRedisCertificationStore_InvalidConfiguration_IsRefused_WithoutRepeatingThePassword()
    {
        var services = new ServiceCollection();
        services.AddRedisCertificationStore(o => o.Configuration = "127.0.0.1:6390,password=s3cret-Pa55,sll=true");
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("RedisCertificationStoreOptions.Configuration", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-Pa55", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedisChallengeStore_FromTheServices_SharesChallengesAcrossTwoNodes()
    {
        var endpoint = RedisServer.EndpointOrSkip();
        var prefix = $"test:{Guid.NewGuid():N}:challenge:";
        var configuration = Configuration(("Redis:Configuration", endpoint), ("Redis:KeyPrefix", prefix), ("Redis:Database", "1"));
        using var root = Root();
        ServiceProvider Node()
        {
            var services = new ServiceCollection();
            services.AddBadgeAuthorityClient(o => o.BaseAddress = new Uri("http://127.0.0.1:5280/"));
            services.AddBadgeChallengeProtocol(o => o.Roots.Add(root));
            services.AddRedisChallengeStore(configuration.GetSection("Redis"));
            var provider = services.BuildServiceProvider();
            provider.GetRequiredService<IStartupValidator>().Validate();
            return provider;
        }

        await using var node1 = Node();
        await using var node2 = Node();
        var store1 = node1.GetRequiredService<IChallengeStore>();
        var store2 = node2.GetRequiredService<IChallengeStore>();
        var challenge = Challenge();

        Assert.True(await store1.TryAddAsync(challenge, Ct));
        Assert.False(await store2.TryAddAsync(challenge with { AccountId = "wb-attacker" }, Ct));
        Assert.True(await store2.TryReplaceAsync(challenge with { State = ChallengeState.Approved, Version = 2 }, expectedVersion: 1, Ct));
        Assert.False(await store1.TryReplaceAsync(challenge with { State = ChallengeState.Rejected, Version = 2 }, expectedVersion: 1, Ct));
        var stored = await store1.GetAsync(challenge.Id, Ct);
        Assert.Equal((ChallengeState.Approved, 2, "wb-1001"), (stored!.State, stored.Version, stored.AccountId));

        // Where the options said: database 1, under the prefix, expiring.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(endpoint);
        Assert.True(await redis.GetDatabase(1).KeyExistsAsync(prefix + challenge.Id));
        Assert.NotNull(await redis.GetDatabase(1).KeyTimeToLiveAsync(prefix + challenge.Id));
        Assert.False(await redis.GetDatabase(0).KeyExistsAsync(prefix + challenge.Id));
        await redis.GetDatabase(1).KeyDeleteAsync(prefix + challenge.Id);
    }

    [Fact]
    public async Task RedisCertificationStore_OverTheApplicationsConnection_SurvivesANewProvider()
    {
        var endpoint = RedisServer.EndpointOrSkip();
        var prefix = $"test:{Guid.NewGuid():N}:certification:";
        await using var redis = await ConnectionMultiplexer.ConnectAsync(endpoint);
        var certification = Certification();

        await using (var first = Provider())
        {
            Assert.True(await first.GetRequiredService<ICertificationStore>().TryAddAsync(certification, Ct));
        }

        // The application's connection is the application's: disposing the provider left it open.
        Assert.True(redis.IsConnected);
        await using var second = Provider();
        var store = second.GetRequiredService<ICertificationStore>();
        Assert.IsType<RedisCertificationStore>(store);
        Assert.False(await store.TryAddAsync(certification with { OperatorId = "op-attacker" }, Ct));
        Assert.Equal("op-1", (await store.GetAsync(certification.Id, Ct))!.OperatorId);
        Assert.True(await redis.GetDatabase().KeyExistsAsync(prefix + certification.Id));
        await redis.GetDatabase().KeyDeleteAsync(prefix + certification.Id);

        ServiceProvider Provider()
        {
            var services = new ServiceCollection();
            services.AddSingleton<IConnectionMultiplexer>(redis);
            services.AddBadgePlatforms();
            services.AddRedisCertificationStore(o => o.KeyPrefix = prefix);
            var provider = services.BuildServiceProvider();
            provider.GetRequiredService<IStartupValidator>().Validate();
            return provider;
        }
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2 Root()
    {
        using var key = System.Security.Cryptography.ECDsa.Create();
        return new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=Test Root", key, System.Security.Cryptography.HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static Challenge Challenge() => Tests.Challenges.SampleChallenge.Create(Guid.NewGuid().ToString("N"), "wb-1001", DateTimeOffset.UtcNow);

    private static Certification Certification() => new()
    {
        Id = $"weibo:wb-{Guid.NewGuid():N}",
        Platform = PlatformId.Weibo,
        Variant = AccountVariant.Unverified,
        AccountId = "wb-1001",
        AccountName = OnlineName.Parse("万载发布"),
        Uscc = UnifiedSocialCreditCode.Parse("11360922MB0001230X"),
        InstitutionName = OrganizerName.Parse("万载县人民政府办公室"),
        OperatorId = "op-1",
    };
}
