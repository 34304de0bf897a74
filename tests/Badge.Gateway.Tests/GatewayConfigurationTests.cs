using Badge.Authority;
using System.Text.Json;

namespace Badge.Gateway.Tests;

/// <summary>A site cluster (站群) through YARP's ReverseProxy section: one badge per host, routes reloaded on change.</summary>
public sealed class GatewayConfigurationTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("badge-gateway-config-").FullName;
    private readonly List<IAsyncDisposable> _owned = [];
    private KestrelUpstream _siteA = null!;
    private KestrelUpstream _siteB = null!;
    private GatewayHost _gateway = null!;
    private string _badgeA = null!;
    private string _badgeB = null!;

    private string ConfigFile => Path.Combine(_directory, "gateway.json");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // Each institution holds its site's domain in the authority's registry, so both badges are active at once.
        var authority = await EmulatorHost.StartAsync(options: o =>
        {
            o.DomainRegistrations.Add(new DomainRegistrationSeed { Domain = "a.gov.test", Uscc = EmulatorHost.InstitutionA.ToString() });
            o.DomainRegistrations.Add(new DomainRegistrationSeed { Domain = "b.gov.test", Uscc = EmulatorHost.InstitutionB.ToString() });
        });
        _owned.Add(authority);
        _badgeA = (await authority.Client(EmulatorHost.KeyA).IssueBadgeAsync(EmulatorHost.Website("a.gov.test"), Ct)).Id;
        _badgeB = (await authority.Client(EmulatorHost.KeyB).IssueBadgeAsync(EmulatorHost.Website("b.gov.test", EmulatorHost.InstitutionB), Ct)).Id;
        _siteA = await KestrelUpstream.StartAsync("甲站");
        _owned.Add(_siteA);
        _siteB = await KestrelUpstream.StartAsync("乙站");
        _owned.Add(_siteB);
        await WriteConfigAsync(aGoesTo: "a");
        _gateway = await GatewayHost.StartAsync($"--Gateway:ConfigFile={ConfigFile}", $"--Badge:Authority={authority.Address}");
        _owned.Add(_gateway);
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task EachHost_GoesToItsUpstream_WithItsOwnBadge()
    {
        var a = await GetWithBadgeAsync("a.gov.test");
        var b = await GetWithBadgeAsync("b.gov.test");

        Assert.Contains("<h1>甲站</h1>", a, StringComparison.Ordinal);
        Assert.Contains(_badgeA, a, StringComparison.Ordinal);
        Assert.DoesNotContain(_badgeB, a, StringComparison.Ordinal);
        Assert.Contains("<h1>乙站</h1>", b, StringComparison.Ordinal);
        Assert.Contains(_badgeB, b, StringComparison.Ordinal);
        Assert.DoesNotContain(_badgeA, b, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangedRoutes_AreReloadedWithoutARestart()
    {
        Assert.Contains("<h1>甲站</h1>", await GetWithBadgeAsync("a.gov.test"), StringComparison.Ordinal);

        await WriteConfigAsync(aGoesTo: "b");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        string page;
        do
        {
            await Task.Delay(200, Ct);
            page = await GetWithBadgeAsync("a.gov.test");
        }
        while (!page.Contains("<h1>乙站</h1>", StringComparison.Ordinal) && DateTime.UtcNow < deadline);

        Assert.Contains("<h1>乙站</h1>", page, StringComparison.Ordinal);
        Assert.Contains(_badgeA, page, StringComparison.Ordinal); // the host keeps its badge
    }

    private async Task<string> GetWithBadgeAsync(string host)
    {
        using var http = new HttpClient { BaseAddress = _gateway.Address };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.Host = host;
            using var response = await http.SendAsync(request, Ct);
            var page = await response.Content.ReadAsStringAsync(Ct);
            if (page.Contains(Pages.Marker, StringComparison.Ordinal))
            {
                return page;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{host} did not show its badge within 30 s: {page}");
            await Task.Delay(100, Ct);
        }
    }

    private async Task WriteConfigAsync(string aGoesTo)
    {
        var config = new
        {
            Badge = new { Footer = new { Hosts = new Dictionary<string, string> { ["a.gov.test"] = _badgeA, ["b.gov.test"] = _badgeB } } },
            ReverseProxy = new
            {
                Routes = new Dictionary<string, object>
                {
                    ["a"] = new { ClusterId = aGoesTo, Match = new { Hosts = new[] { "a.gov.test" }, Path = "/{**rest}" } },
                    ["b"] = new { ClusterId = "b", Match = new { Hosts = new[] { "b.gov.test" }, Path = "/{**rest}" } },
                },
                Clusters = new Dictionary<string, object>
                {
                    ["a"] = new { Destinations = new Dictionary<string, object> { ["a1"] = new { Address = _siteA.Address.ToString() } } },
                    ["b"] = new { Destinations = new Dictionary<string, object> { ["b1"] = new { Address = _siteB.Address.ToString() } } },
                },
            },
        };
        var temp = ConfigFile + ".tmp";
        await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(config), Ct);
        File.Move(temp, ConfigFile, overwrite: true);
    }
}
