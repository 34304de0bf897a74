using System.Net;
using static Badge.Sdk.TestData.EmulatorHost;

namespace Badge.Sdk.IntegrationTests.Authority;

/// <summary>The manual's special note: the authority's identity services are free, and its certificate page says so.</summary>
public sealed class CertificatePageFreeOfChargeTests : IAsyncLifetime
{
    // Transcribed from the manual (../shared/seed), not from the emulator's source, so a changed word fails here.
    private const string ManualWording =
        "特别说明：机构编制部门面向机关事业单位提供网络身份认证服务实行免费政策。微信公众号、服务号、小程序等网络平台对事业单位收取的年审费用等系平台行为，与机构编制服务事项无关。";

    private EmulatorHost _authority = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _authority = await EmulatorHost.StartAsync();

    public async ValueTask DisposeAsync() => await _authority.DisposeAsync();

    [Fact]
    public async Task CertificatePage_CarriesTheManualsFreeOfChargeNote_WordForWord()
    {
        var issued = await _authority.Client(KeyA).IssueBadgeAsync(Website(UniqueDomain("free")), Ct);
        using var http = new HttpClient();

        using var response = await http.GetAsync(issued.CertificateUrl, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<p class=\"free-of-charge\" id=\"free-of-charge\">{ManualWording}</p>", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("id=\"free-of-charge\"", StringComparison.Ordinal) > html.IndexOf("</dl>", StringComparison.Ordinal), "the note follows the certificate's facts");
    }
}
