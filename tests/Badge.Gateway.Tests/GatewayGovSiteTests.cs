using System.Text.Json;
using Badge.GovSite;

namespace Badge.Gateway.Tests;

/// <summary>
/// The GovSite sample as the upstream: its own pages already carry the footer (the gateway adds none), and the page
/// it serves without one gets the gateway's — each byte-identical to what the middleware makes of it.
/// </summary>
public sealed class GatewayGovSiteTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("badge-gateway-govsite-").FullName;
    private GovSiteApp _site = null!;
    private GatewayHost _gateway = null!;
    private ReferenceSite _reference = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _site = await GovSiteApp.StartAsync(["--urls=http://127.0.0.1:0", $"--Badge:DataDirectory={_data}", "--Badge:EmbeddedAuthorityUrl=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
        await Pages.WaitForBadgeAsync(_site.SiteAddress);
        _gateway = await GatewayHost.StartAsync($"--Gateway:Upstream={_site.SiteAddress}", $"--Badge:Authority={_site.AuthorityAddress}", $"--Badge:BadgeId={_site.BadgeId}");
        _reference = await ReferenceSite.StartAsync(_site.AuthorityAddress, _site.BadgeId, _site.SiteAddress);
        await Pages.WaitForBadgeAsync(_gateway.Address, "/plain");
    }

    public async ValueTask DisposeAsync()
    {
        await _reference.DisposeAsync();
        await _gateway.DisposeAsync();
        await _site.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/news/3")]
    [InlineData("/gbk")]
    [InlineData("/stream")]
    public async Task PageWithItsOwnFooter_PassesWithExactlyThatOne(string path)
    {
        using var direct = new HttpClient { BaseAddress = _site.SiteAddress };
        using var through = new HttpClient { BaseAddress = _gateway.Address };

        var expected = await direct.GetByteArrayAsync(path, Ct);
        var page = await through.GetByteArrayAsync(path, Ct);

        Pages.AssertOneFooterBeforeBodyEnd(page);
        Assert.Equal(expected, page);
    }

    [Fact]
    public async Task PageWithoutAFooter_GetsTheGatewaysOne_ByteIdenticalToTheMiddleware()
    {
        using var direct = new HttpClient { BaseAddress = _site.SiteAddress };
        using var through = new HttpClient { BaseAddress = _gateway.Address };

        var original = await direct.GetStringAsync("/plain", Ct);
        var page = await through.GetByteArrayAsync("/plain", Ct);

        Assert.DoesNotContain(Pages.Marker, original, StringComparison.Ordinal);
        Pages.AssertOneFooterBeforeBodyEnd(page);
        Assert.Equal(await _reference.GetAsync("/plain"), page);
    }

    [Fact]
    public async Task Json_PassesUntouched()
    {
        using var through = new HttpClient { BaseAddress = _gateway.Address };

        using var status = JsonDocument.Parse(await through.GetStringAsync("/api/status", Ct));

        Assert.Equal("ok", status.RootElement.GetProperty("status").GetString());
    }
}
