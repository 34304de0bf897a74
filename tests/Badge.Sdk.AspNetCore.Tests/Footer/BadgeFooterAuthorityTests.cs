using Badge.Sdk.AspNetCore.Footer;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Badge.Sdk.AspNetCore.Tests.Footer;

/// <summary>The middleware against the real authority emulator over HTTP on 127.0.0.1.</summary>
public sealed class BadgeFooterAuthorityTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private const string Page = "<!doctype html><html><body><p>x</p></body></html>";
    private static readonly UnifiedSocialCreditCode Uscc = EmulatorHost.InstitutionA;
    private readonly EmulatorHost _emulator = fixture.Host;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IBadgeAuthorityClient Client(string? key) => _emulator.Client(key);

    private Task<FooterHost> Site(string badgeId) => FooterHost.StartAsync(
        Server.Kestrel,
        app => app.MapGet("/", () => Results.Content(Page, "text/html")),
        Client(null),
        o =>
        {
            o.BadgeId = badgeId;
            o.RefreshInterval = TimeSpan.FromMilliseconds(200);
            o.RetryInterval = TimeSpan.FromMilliseconds(200);
        },
        services: s => s.AddSingleton<IBadgeAuthorityClient>(_ => Client(null)));

    private static async Task<string> WaitForAsync(FooterHost site, Func<string, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var body = await site.Client.GetStringAsync("/", Ct);
            if (condition(body) || DateTime.UtcNow > deadline)
            {
                return body;
            }

            await Task.Delay(100, Ct);
        }
    }

    private static IssueBadgeRequest Website(string domain) => IssueBadgeRequest.ForWebsite(
        Uscc, OrganizerName.Parse("万载县人民政府办公室"), OnlineName.Parse("万载县人民政府网"), SiteDomain.Parse(domain));

    [Fact]
    public async Task LegacyBadge_SupersededAtTheAuthority_FooterSwitchesToTheSuccessor()
    {
        var legacyId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var authority = Client("demo-authority");
        await authority.ImportLegacyBadgeAsync(new ImportLegacyBadgeRequest
        {
            LegacyId = legacyId, Uscc = Uscc.ToString(), OrganizerName = "万载县人民政府办公室", OnlineName = "旧网站", Domain = "localhost",
        }, Ct);
        await using var site = await Site(legacyId);
        var before = await site.Client.GetStringAsync("/", Ct);

        var successor = await Client("demo-institution-a").IssueBadgeAsync(Website("localhost"), Ct);
        await authority.SupersedeBadgeAsync(legacyId, successor.Id, Ct);
        var after = await WaitForAsync(site, body => body.Contains(successor.Id, StringComparison.Ordinal));
        var image = await site.Client.GetAsync($"/_badge/{successor.Id}.svg", Ct);

        Assert.Contains($"data-online-badge=\"{legacyId}\"", before, StringComparison.Ordinal);
        Assert.Contains($"data-online-badge=\"{successor.Id}\"", after, StringComparison.Ordinal);
        Assert.Contains($"{_emulator.Address}certificates/{successor.Id}", after, StringComparison.Ordinal);
        Assert.Equal("image/svg+xml", image.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task RevokedBadge_IsRemovedFromPages()
    {
        var issued = await Client("demo-institution-a").IssueBadgeAsync(Website("revoke-" + Guid.NewGuid().ToString("N")[..8] + "." + EmulatorHost.RegisteredA), Ct);
        await using var site = await Site(issued.Id);
        var before = await site.Client.GetStringAsync("/", Ct);

        await Client("demo-institution-a").RevokeBadgeAsync(issued.Id, "网站已关停", Ct);
        var after = await WaitForAsync(site, body => !body.Contains("data-online-badge", StringComparison.Ordinal));

        Assert.Contains(issued.Id, before, StringComparison.Ordinal);
        Assert.Equal(Page, after);
    }
}
