using System.Net;
using Badge.GovSite;
using Badge.Sdk.AspNetCore.Footer;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Badge.Sdk.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Badge.Sdk.BrowserTests;

/// <summary>
/// The government site sample as an operator runs it against a misbehaving authority: options from the command
/// line, a banner that says what is true, and pages served through every fault mode.
/// </summary>
public sealed class GovSiteFaultTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("badge-govsite-fault-").FullName;
    private EmulatorHost _emulator = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _emulator = await EmulatorHost.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _emulator.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    private Task<GovSiteApp> StartSiteAsync(Uri authority, string badgeId, params string[] more) => GovSiteApp.StartAsync(
    [
        "--urls=http://127.0.0.1:0", $"--Badge:DataDirectory={_data}", $"--Badge:Authority={authority}", $"--Badge:BadgeId={badgeId}",
        "--Logging:LogLevel:Default=Warning", .. more,
    ]);

    private async Task<string> IssueAsync() => (await _emulator.Client(EmulatorHost.KeyA).IssueBadgeAsync(IssueBadgeRequest.ForWebsite(
        EmulatorHost.InstitutionA, OrganizerName.Parse("万载县人民政府办公室"), OnlineName.Parse("万载县人民政府网"), SiteDomain.Parse(EmulatorHost.UniqueDomain())), Ct)).Id;

    [Fact]
    public async Task GovSite_AgainstAFaultyAuthority_BindsItsOptions_AndServesEveryPageThroughEveryMode()
    {
        var badgeId = await IssueAsync();
        await using var faulty = FaultyAuthority.Start(_emulator.Address);
        await using var site = await StartSiteAsync(faulty.Address, badgeId,
            "--Badge:Footer:RefreshInterval=00:00:01", "--Badge:Footer:RetryInterval=00:00:00.250", "--Badge:Footer:RefreshTimeout=00:00:00.800",
            "--Badge:Footer:Placement=Left", "--Badge:Footer:ExcludedPaths:0=/admin", "--Badge:Footer:OpenInNewTab=false",
            "--Badge:Client:AttemptTimeout=00:00:00.400", "--Badge:Client:TotalTimeout=00:00:00.600", "--Badge:Client:MaxImageBytes=65536",
            "--Badge:Client:MaxResponseBytes=131072");
        var footer = site.Site.Services.GetRequiredService<IOptions<BadgeFooterOptions>>().Value;
        var client = site.Site.Services.GetRequiredService<IOptions<BadgeAuthorityClientOptions>>().Value;
        using var http = new HttpClient { BaseAddress = site.SiteAddress };

        Assert.Equal(TimeSpan.FromSeconds(1), footer.RefreshInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(250), footer.RetryInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(800), footer.RefreshTimeout);
        Assert.Equal(BadgePlacement.Left, footer.Placement);
        Assert.Equal(["/admin"], footer.ExcludedPaths);
        Assert.False(footer.OpenInNewTab);
        Assert.Equal(badgeId, footer.BadgeId);
        Assert.Equal(TimeSpan.FromMilliseconds(400), client.AttemptTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(600), client.TotalTimeout);
        Assert.Equal(65536, client.MaxImageBytes);
        Assert.Equal(131072, client.MaxResponseBytes);
        Assert.Equal(faulty.Address, client.BaseAddress);
        Assert.Equal($"badge {badgeId} is at the bottom of every page", await site.DescribeBadgeAsync(TimeSpan.FromSeconds(20)));

        var outcomes = new List<string>();
        faulty.MissingField = "organizerName";
        foreach (var (name, mode) in FaultyAuthority.Modes.Where(m => m.Mode != FaultMode.None))
        {
            faulty.Mode = mode;
            var until = DateTime.UtcNow.AddSeconds(2);
            while (DateTime.UtcNow < until)
            {
                foreach (var path in new[] { "/", "/news/1", "/gbk", "/about.html" })
                {
                    using var response = await http.GetAsync(path, Ct);
                    var body = await response.Content.ReadAsByteArrayAsync(Ct);
                    if (response.StatusCode != HttpStatusCode.OK || body.AsSpan().IndexOf("data-online-badge"u8) < 0)
                    {
                        outcomes.Add($"{name} {path}: {(int)response.StatusCode}, badge {body.AsSpan().IndexOf("data-online-badge"u8) >= 0}");
                    }
                }
            }
        }

        faulty.Mode = FaultMode.None;
        await _emulator.Client(EmulatorHost.KeyA).RevokeBadgeAsync(badgeId, "网站已关停", Ct);
        var deadline = DateTime.UtcNow.AddSeconds(2.5);
        while (site.Site.Services.GetRequiredService<IBadgeFooterMonitor>().GetStatus(badgeId).State != BadgeFooterState.Revoked && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Ct);
        }

        Assert.Empty(outcomes);
        Assert.Equal($"NO BADGE on the pages: badge {badgeId} is revoked at the authority.", await site.DescribeBadgeAsync(TimeSpan.Zero));
        Assert.DoesNotContain("data-online-badge", await http.GetStringAsync("/", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Banner_UnknownBadgeId_SaysSoAndWhatToFix()
    {
        await using var site = await StartSiteAsync(_emulator.Address, "bdg-unknown0000000000", "--Badge:Footer:RefreshInterval=00:00:01");

        var banner = await site.DescribeBadgeAsync(TimeSpan.FromSeconds(20));

        Assert.Equal($"NO BADGE on the pages: badge bdg-unknown0000000000 is unknown to the authority at {_emulator.Address}. Check --Badge:BadgeId (or leave it out to use the demo badge).", banner);
    }

    [Fact]
    public async Task Banner_AuthorityUnreachable_SaysSo()
    {
        await using var faulty = FaultyAuthority.Start(_emulator.Address);
        faulty.Mode = FaultMode.ResetBeforeHeaders;
        await using var site = await StartSiteAsync(faulty.Address, await IssueAsync(), "--Badge:Client:AttemptTimeout=00:00:00.500", "--Badge:Client:TotalTimeout=00:00:01");

        var banner = await site.DescribeBadgeAsync(TimeSpan.FromSeconds(20));

        Assert.StartsWith($"NO BADGE on the pages: the authority at {faulty.Address} cannot be read (", banner, StringComparison.Ordinal);
        Assert.EndsWith("It is retried; check that the authority runs.", banner, StringComparison.Ordinal);
    }
}
