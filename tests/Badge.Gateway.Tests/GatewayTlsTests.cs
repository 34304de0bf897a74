using Badge.Authority;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Badge.Gateway.Tests;

/// <summary>TLS termination from PEM files in Kestrel's own configuration, the HTTP → HTTPS redirect and HSTS.</summary>
public sealed class GatewayTlsTests : IAsyncLifetime
{
    private const string Host = "www.wanzai.gov.test";

    private readonly string _directory = Directory.CreateTempSubdirectory("badge-gateway-tls-").FullName;
    private readonly List<IAsyncDisposable> _owned = [];
    private X509Certificate2 _certificate = null!;
    private GatewayHost _gateway = null!;
    private string _badgeId = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // A self-signed certificate for the site's name, written as the PEM files a site owner gets from their CA.
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={Host}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(Host);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certPath = Path.Combine(_directory, "site.crt.pem");
        var keyPath = Path.Combine(_directory, "site.key.pem");
        await File.WriteAllTextAsync(certPath, _certificate.ExportCertificatePem(), Ct);
        await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem(), Ct);

        // The authority's registry gives demo institution A the site's domain, so its badge is active at once.
        var authority = await EmulatorHost.StartAsync(options: o => o.DomainRegistrations.Add(new DomainRegistrationSeed { Domain = Host, Uscc = EmulatorHost.InstitutionA.ToString() }));
        _owned.Add(authority);
        _badgeId = (await authority.Client(EmulatorHost.KeyA).IssueBadgeAsync(EmulatorHost.Website(Host), Ct)).Id;
        var upstream = await KestrelUpstream.StartAsync("万载县人民政府网");
        _owned.Add(upstream);
        _gateway = await GatewayHost.StartAsync(
            $"--Gateway:Upstream={upstream.Address}", $"--Badge:Authority={authority.Address}", $"--Badge:BadgeId={_badgeId}",
            "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:0",
            "--Kestrel:Endpoints:Https:Url=https://127.0.0.1:0",
            $"--Kestrel:Endpoints:Https:Certificate:Path={certPath}",
            $"--Kestrel:Endpoints:Https:Certificate:KeyPath={keyPath}",
            "--Gateway:HttpsRedirect=true",
            "--Gateway:Hsts:Enabled=true",
            "--Gateway:Hsts:MaxAge=365.00:00:00");
        _owned.Add(_gateway);
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        _certificate.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Https_ServesThePageWithTheBadge_WithTheConfiguredCertificate_AndHsts()
    {
        var https = _gateway.Addresses.First(a => a.Scheme == Uri.UriSchemeHttps);
        X509Certificate2? presented = null;
        using var http = Client((_, certificate, _, _) =>
        {
            presented = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            return certificate is not null && certificate.GetCertHashString() == _certificate.GetCertHashString();
        });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string page;
        HttpResponseMessage response;
        while (true)
        {
            response = await http.GetAsync($"https://{Host}:{https.Port}/", Ct);
            page = await response.Content.ReadAsStringAsync(Ct);
            if (page.Contains(Pages.Marker, StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                break;
            }

            response.Dispose();
            await Task.Delay(100, Ct);
        }

        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(Pages.Marker, page, StringComparison.Ordinal);
            Assert.Contains(_badgeId, page, StringComparison.Ordinal);
            Assert.Equal(_certificate.Thumbprint, presented?.Thumbprint);
            Assert.Equal("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
        }
    }

    [Fact]
    public async Task Http_RedirectsToHttps_ButTheHealthEndpointAnswersOnHttp()
    {
        var httpAddress = _gateway.Addresses.First(a => a.Scheme == Uri.UriSchemeHttp);
        var https = _gateway.Addresses.First(a => a.Scheme == Uri.UriSchemeHttps);
        using var http = Client((_, _, _, _) => false);

        using var redirect = await http.GetAsync($"http://{Host}:{httpAddress.Port}/news/1.html?x=1", Ct);
        using var health = await http.GetAsync($"http://{Host}:{httpAddress.Port}/_gateway/health", Ct);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirect.StatusCode);
        Assert.Equal(new Uri($"https://{Host}:{https.Port}/news/1.html?x=1"), redirect.Headers.Location);
        Assert.False(redirect.Headers.Contains("Strict-Transport-Security"), "HSTS goes out over HTTPS only");
        Assert.True(health.IsSuccessStatusCode || health.StatusCode == HttpStatusCode.ServiceUnavailable);
        Assert.Equal("application/json", health.Content.Headers.ContentType?.MediaType);
    }

    // Resolves the site's name to 127.0.0.1 (the request keeps its Host and SNI) and checks the certificate.
    private static HttpClient Client(RemoteCertificateValidationCallback validate) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        },
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = validate },
    });
}
