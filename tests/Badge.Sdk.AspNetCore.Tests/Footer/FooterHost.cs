using System.Net;
using Badge.Sdk.AspNetCore.Footer;
using Badge.Sdk.Certificates;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NSubstitute;

namespace Badge.Sdk.AspNetCore.Tests.Footer;

public enum Server
{
    TestServer,
    Kestrel,
}

/// <summary>A site with the footer middleware, on TestServer or on Kestrel at 127.0.0.1, with a stand-in authority.</summary>
internal sealed class FooterHost : IAsyncDisposable
{
    private FooterHost(WebApplication app, HttpClient client)
    {
        App = app;
        Client = client;
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public static BadgeCertificate Certificate(string id = "bdg-1", int version = 1, string organizer = "万载县人民政府办公室") =>
        Badge.Sdk.TestData.SampleCertificates.Website(id, version, organizer, authority: "http://authority.test/");

    /// <summary>A stand-in authority that knows the given certificates.</summary>
    public static IBadgeAuthorityClient Authority(params BadgeCertificate[] certificates)
    {
        var authority = Substitute.For<IBadgeAuthorityClient>();
        foreach (var c in certificates)
        {
            authority.ResolveCurrentBadgeAsync(c.BadgeId, Arg.Any<CancellationToken>()).Returns(new BadgeRecord
            {
                Id = c.BadgeId,
                Kind = c.Kind,
                Status = c.Status,
                Version = c.Version,
                Uscc = c.Uscc,
                OrganizerName = c.OrganizerName,
                OnlineName = c.OnlineName,
                Domain = c.Domain,
                IssuedAt = c.IssuedAt,
                UpdatedAt = c.UpdatedAt,
            });
            authority.GetCertificateAsync(c.BadgeId, Arg.Any<CancellationToken>()).Returns(new ValueTask<BadgeCertificate>(c));
            authority.GetBadgeImageAsync(c.BadgeId, Arg.Any<CancellationToken>()).Returns("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray());
        }

        return authority;
    }

    public static async Task<FooterHost> StartAsync(
        Server server,
        Action<WebApplication> endpoints,
        IBadgeAuthorityClient? authority = null,
        Action<BadgeFooterOptions>? options = null,
        Action<WebApplication>? before = null,
        Action<IServiceCollection>? services = null,
        bool waitForBadges = true)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        if (server == Server.TestServer)
        {
            builder.WebHost.UseTestServer();
        }
        else
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }

        builder.Services.AddSingleton(authority ?? Authority(Certificate()));
        builder.Services.AddBadgeFooter(o =>
        {
            o.BadgeId = "bdg-1";
            options?.Invoke(o);
        });
        services?.Invoke(builder.Services);
        var app = builder.Build();
        before?.Invoke(app);
        app.UseBadgeFooter();
        endpoints(app);
        await app.StartAsync(TestContext.Current.CancellationToken);

        HttpClient client;
        if (server == Server.TestServer)
        {
            client = app.GetTestClient();
        }
        else
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, UseCookies = false }) { BaseAddress = new Uri(address) };
        }

        var host = new FooterHost(app, client);
        if (waitForBadges)
        {
            await host.WaitForBadgesAsync();
        }

        return host;
    }

    public async Task WaitForBadgesAsync()
    {
        var catalog = App.Services.GetRequiredService<BadgeFooterCatalog>();
        var options = App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<BadgeFooterOptions>>().Value;
        var ids = options.Hosts.Values.Append(options.BadgeId).OfType<string>().Distinct().ToList();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (ids.Any(id => catalog.Get(id) is null))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The refresher did not fetch the badges in time.");
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }
}
