using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Badge.Sdk.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Badge.Sdk.IntegrationTests.Trust;

/// <summary>Real sites on 127.0.0.1 for the attack tests, and raw HTTP to the emulator as an attacker sends it.</summary>
internal static class TrustSites
{
    public const string Page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>t</title></head><body><main>政务公开</main></body></html>";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A site running the badge footer (and so serving its badges' validation tokens), answering for <paramref name="hosts"/>.</summary>
    public static async Task<WebApplication> FooterSiteAsync(EmulatorHost authority, Action<Badge.Sdk.AspNetCore.Footer.BadgeFooterOptions> footer, params string[] hosts)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddBadgeAuthorityClient(o => o.BaseAddress = authority.Address);
        builder.Services.AddBadgeFooter(o =>
        {
            footer(o);
            o.RefreshInterval = TimeSpan.FromMilliseconds(200);
            o.RetryInterval = TimeSpan.FromMilliseconds(200);
        });
        var app = builder.Build();
        app.UseBadgeFooter();
        app.MapGet("/", () => Results.Content(Page, "text/html; charset=utf-8"));
        await app.StartAsync(Ct);
        var port = new Uri(app.Urls.First()).Port;
        foreach (var host in hosts)
        {
            authority.Sites[host] = port;
        }

        return app;
    }

    /// <summary>A site answering every request with <paramref name="handler"/>, for <paramref name="hosts"/>.</summary>
    public static async Task<WebApplication> RawSiteAsync(EmulatorHost authority, RequestDelegate handler, params string[] hosts)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync(Ct);
        var port = new Uri(app.Urls.First()).Port;
        foreach (var host in hosts)
        {
            authority.Sites[host] = port;
        }

        return app;
    }

    /// <summary>An HTTP client whose every connection goes to <paramref name="port"/> on 127.0.0.1, whatever the host name.</summary>
    public static HttpClient LoopbackClient(int port) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        ConnectCallback = async (_, ct) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(IPAddress.Loopback, port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        },
    });

    /// <summary>Posts raw JSON with a key, as an attacker would, and reads the answer.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body, string? ContentType)> PostRawAsync(EmulatorHost host, string path, string? key, string json)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host.Address, path))
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        using var response = await http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, body, response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Reads a property of a problem document, or null.</summary>
    public static string? Prop(this JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Waits until <paramref name="condition"/> holds, up to 20 s.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var value = await read();
            if (condition(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(100, Ct);
        }
    }
}
