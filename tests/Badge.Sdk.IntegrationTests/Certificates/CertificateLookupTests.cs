using Badge.Sdk.Issuance;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Badge.Sdk.TestData.EmulatorHost;
using Badge.Sdk.Certificates;

namespace Badge.Sdk.IntegrationTests.Certificates;

public sealed class CertificateLookupTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorHost _host = fixture.Host;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ConcurrentLookups_MakeOneRequest_ThenOneRevalidationAfterExpiry()
    {
        var issued = await _host.Client(KeyA).IssueBadgeAsync(Website(UniqueDomain("flight")), Ct);
        var path = $"/api/v1/badges/{issued.Id}/certificate";
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = _host.Client(services: s => s.AddSingleton<TimeProvider>(time), options: o => o.CertificateCacheDuration = TimeSpan.FromMinutes(5));

        using var start = new ManualResetEventSlim();
        var lookups = Enumerable.Range(0, 200).Select(_ => Task.Run(async () =>
        {
            start.Wait(Ct);
            return await client.GetCertificateAsync(issued.Id, Ct);
        }, Ct)).ToArray();
        start.Set();
        var results = await Task.WhenAll(lookups);
        var afterBurst = _host.Requests.Get(path);

        await client.GetCertificateAsync(issued.Id, Ct);
        var stillCached = _host.Requests.Get(path);

        time.Advance(TimeSpan.FromMinutes(6));
        var revalidated = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.GetCertificateAsync(issued.Id, Ct).AsTask()));
        var afterExpiry = _host.Requests.Get(path);

        Assert.All(results, c => Assert.Equal(issued.Id, c.BadgeId));
        Assert.Equal(1, afterBurst);
        Assert.Equal(1, stillCached);
        Assert.Equal(2, afterExpiry);
        Assert.All(revalidated, c => Assert.Same(results[0], c));
    }

    [Fact]
    public async Task Revalidation_AfterChange_ReturnsNewFacts()
    {
        var issuer = _host.Client(KeyA);
        var issued = await issuer.IssueBadgeAsync(Website(UniqueDomain("change")), Ct);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = _host.Client(services: s => s.AddSingleton<TimeProvider>(time));

        var before = await client.GetCertificateAsync(issued.Id, Ct);
        await issuer.RevokeBadgeAsync(issued.Id, "closed", Ct);
        var cached = await client.GetCertificateAsync(issued.Id, Ct);
        time.Advance(TimeSpan.FromMinutes(10));
        var after = await client.GetCertificateAsync(issued.Id, Ct);

        Assert.Equal(BadgeStatus.Active, before.Status);
        Assert.Equal(BadgeStatus.Active, cached.Status);
        Assert.Equal(BadgeStatus.Revoked, after.Status);
    }

    [Fact]
    public async Task DistributedCache_ServesASecondProcessWithoutARequest()
    {
        var issued = await _host.Client(KeyA).IssueBadgeAsync(Website(UniqueDomain("l2")), Ct);
        var path = $"/api/v1/badges/{issued.Id}/certificate";
        // Two "processes" share one distributed cache (standing in for Redis) but not their in-memory layer.
        var distributed = new MemoryDistributedCache(Microsoft.Extensions.Options.Options.Create(new Microsoft.Extensions.Caching.Memory.MemoryDistributedCacheOptions()));

        var first = await _host.Client(services: s => s.AddSingleton<IDistributedCache>(distributed)).GetCertificateAsync(issued.Id, Ct);
        var second = await _host.Client(services: s => s.AddSingleton<IDistributedCache>(distributed)).GetCertificateAsync(issued.Id, Ct);

        Assert.Equal(first, second);
        Assert.Equal(1, _host.Requests.Get(path));
    }

    [Fact]
    public async Task UnknownBadge_Throws()
    {
        var ex = await Assert.ThrowsAsync<BadgeAuthorityException>(async () => await _host.Client().GetCertificateAsync("bdg-ffffffffffffffffffff", Ct));

        Assert.Equal(AuthorityErrorCodes.UnknownBadge, ex.Code);
    }
}
