using System.Net;
using Badge.Authority.Storage;
using Badge.Sdk.IntegrationTests.Trust;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static Badge.Sdk.TestData.EmulatorHost;

namespace Badge.Sdk.IntegrationTests.Authority;

/// <summary>
/// 我的标识's domain validation: a badge for a domain the registry does not prove is pending; the portal shows what to
/// serve and where, and its 验证 button runs the authority's own domain validation against a real site on 127.0.0.1.
/// </summary>
public sealed class PortalDomainValidationTests : IAsyncLifetime
{
    private EmulatorHost _authority = null!;

    public async ValueTask InitializeAsync() =>
        _authority = await EmulatorHost.StartAsync(options: o => o.DomainValidationInterval = TimeSpan.Zero); // only the button validates

    public async ValueTask DisposeAsync() => await _authority.DisposeAsync();

    [Fact]
    public async Task APendingBadge_ShowsWhatToServe_AndTheValidateButtonActivatesItOnceTheSiteServesIt()
    {
        var domain = UnregisteredDomain("portal");
        var store = _authority.App.Services.GetRequiredService<IAuthorityStore>();
        using var a = await PortalClient.SignedInAsync(_authority.Address, InstitutionA.ToString(), KeyA);
        await a.GetAsync("/portal/badges/new");
        using var claimed = await a.PostAsync("/portal/badges/new", new() { ["onlineName"] = "万载县人民政府网", ["domain"] = domain });
        var location = claimed.Headers.Location!.OriginalString;
        var id = location["/portal/badges/".Length..location.IndexOf('?', StringComparison.Ordinal)];
        var (_, pending) = await a.GetAsync($"/portal/badges/{id}");
        var url = PortalClient.Text(pending, "validation-url");
        var token = PortalClient.Text(pending, "validation-token");
        var (_, list) = await a.GetAsync("/portal/badges");

        // 验证 before the site serves anything: refused with the reason, still pending.
        using var early = await a.PostAsync($"/portal/badges/{id}/validate", []);
        var earlyHtml = await PortalClient.HtmlAsync(early);

        await using var site = await TrustSites.RawSiteAsync(_authority, async context =>
        {
            if (context.Request.Path == "/.well-known/online-badge/" + token)
            {
                await context.Response.WriteAsync(token!, TestContext.Current.CancellationToken);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }, domain);
        var stillPending = store.GetBadge(id)!.Status;
        using var validated = await a.PostAsync($"/portal/badges/{id}/validate", []);
        var (_, active) = await a.GetAsync($"/portal/badges/{id}");

        Assert.Equal("待验证域名", PortalClient.Text(pending, "status"));
        Assert.Equal($"http://{domain}/.well-known/online-badge/{token}", url);
        Assert.Equal(store.GetDomainValidation(id)!.Token, token);
        Assert.Contains("未验证", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
        Assert.Contains("验证未通过", PortalClient.Text(earlyHtml, "validation-error"), StringComparison.Ordinal);
        Assert.Equal("pending", stillPending);
        Assert.Equal(HttpStatusCode.Redirect, validated.StatusCode);
        Assert.Equal("active", store.GetBadge(id)!.Status);
        Assert.Equal("有效", PortalClient.Text(active, "status"));
        Assert.Equal("已验证", PortalClient.Text(active, "validation-state"));
        Assert.NotNull(PortalClient.Text(active, "certificate-link"));
    }
}
