using Badge.Sdk;
using Badge.Sdk.AspNetCore;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Badge.Gateway.Tests;

/// <summary>The gateway in-process on Kestrel, built from command-line arguments exactly as the tool is.</summary>
internal sealed class GatewayHost : IAsyncDisposable
{
    private GatewayHost(WebApplication app) => App = app;

    public WebApplication App { get; }

    public IReadOnlyList<Uri> Addresses => [.. App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a))];

    public Uri Address => Addresses.First(a => a.Scheme == Uri.UriSchemeHttp);

    public static Task<GatewayHost> StartAsync(params string[] args) => StartAsync(null, args);

    public static async Task<GatewayHost> StartAsync(Action<WebApplicationBuilder>? configure, params string[] args)
    {
        var all = args.Any(a => a.StartsWith("--urls", StringComparison.Ordinal) || a.StartsWith("--Kestrel:", StringComparison.Ordinal))
            ? args
            : [.. args, "--urls=http://127.0.0.1:0"];
        var app = GatewayApp.Build([.. all, "--Logging:LogLevel:Default=Warning", "--Gateway:ProbeInterval=00:00:01"], configure);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new GatewayHost(app);
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>What the middleware itself makes of a page: an ASP.NET Core site with <c>UseBadgeFooter()</c> that serves the bytes and Content-Type it is given.</summary>
internal sealed class ReferenceSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _origin;

    private ReferenceSite(WebApplication app, HttpClient origin)
    {
        _app = app;
        _origin = origin;
    }

    public Uri Address => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>A site that, for every path, writes what <paramref name="origin"/> answers for it (uncompressed) through the middleware.</summary>
    public static async Task<ReferenceSite> StartAsync(Uri authority, string badgeId, Uri origin)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddBadgeAuthorityClient(o => o.BaseAddress = authority);
        builder.Services.AddBadgeFooter(o => o.BadgeId = badgeId);
        var app = builder.Build();
        var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.None }) { BaseAddress = origin };
        app.UseBadgeFooter();
        app.Run(async context =>
        {
            using var response = await http.GetAsync(context.Request.Path + context.Request.QueryString, context.RequestAborted);
            var bytes = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var site = new ReferenceSite(app, http);
        await Pages.WaitForBadgeAsync(site.Address);
        return site;
    }

    public async Task<byte[]> GetAsync(string path)
    {
        using var client = new HttpClient { BaseAddress = Address };
        return await client.GetByteArrayAsync(path, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _origin.Dispose();
    }
}

internal static class Pages
{
    public const string Marker = "data-online-badge=";

    /// <summary>Waits until the footer's refresher has read the badge and pages show it.</summary>
    public static async Task WaitForBadgeAsync(Uri site, string path = "/")
    {
        using var http = new HttpClient { BaseAddress = site };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await http.GetStringAsync(path, TestContext.Current.CancellationToken)).Contains(Marker, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{site}{path} did not show the badge within 30 s");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Asserts exactly one footer, before the last <c>&lt;/body&gt;</c>.</summary>
    public static void AssertOneFooterBeforeBodyEnd(byte[] page)
    {
        var text = System.Text.Encoding.Latin1.GetString(page);
        var first = text.IndexOf(Marker, StringComparison.Ordinal);
        Assert.True(first >= 0, "the page carries the footer");
        Assert.Equal(first, text.LastIndexOf(Marker, StringComparison.Ordinal));
        Assert.True(first < text.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase), "the footer stands before </body>");
    }
}
