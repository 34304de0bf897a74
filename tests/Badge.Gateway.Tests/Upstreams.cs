using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Badge.Gateway.Tests;

/// <summary>A small upstream on Kestrel (127.0.0.1, a free port) for what nginx cannot show: WebSockets, several sites.</summary>
internal sealed class KestrelUpstream : IAsyncDisposable
{
    private KestrelUpstream(WebApplication app) => App = app;

    public WebApplication App { get; }

    public Uri Address => new(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static string Page(string title) =>
        $"<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\n<body>\n<main><h1>{title}</h1><p>正文。</p></main>\n</body>\n</html>\n";

    /// <summary>Serves <see cref="Page"/> with <paramref name="title"/> on every path, and a WebSocket echo on /ws.</summary>
    public static async Task<KestrelUpstream> StartAsync(string title, string url = "http://127.0.0.1:0")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.UseWebSockets();
        app.Run(async context =>
        {
            if (context.Request.Path == "/ws" && context.WebSockets.IsWebSocketRequest)
            {
                using var socket = await context.WebSockets.AcceptWebSocketAsync();
                var buffer = new byte[4096];
                while (true)
                {
                    var received = await socket.ReceiveAsync(buffer, context.RequestAborted);
                    if (received.MessageType == System.Net.WebSockets.WebSocketMessageType.Close)
                    {
                        await socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "bye", context.RequestAborted);
                        return;
                    }

                    await socket.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, context.RequestAborted);
                }
            }

            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(Page(title));
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new KestrelUpstream(app);
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>A misbehaving upstream on a raw socket: one that never answers, or one that resets the connection.</summary>
internal sealed class BrokenUpstream : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<Socket> _held = [];
    private readonly Task _loop;

    private BrokenUpstream(bool reset)
    {
        _listener.Start();
        _loop = Task.Run(() => AcceptAsync(reset));
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>Accepts, reads the request and never answers.</summary>
    public static BrokenUpstream Silent() => new(reset: false);

    /// <summary>Accepts, reads the request and resets the connection (TCP RST).</summary>
    public static BrokenUpstream Resetting() => new(reset: true);

    private async Task AcceptAsync(bool reset)
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                _ = Task.Run(async () =>
                {
                    var buffer = new byte[8192];
                    await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                    if (reset)
                    {
                        socket.LingerState = new LingerOption(true, 0);
                        socket.Close();
                    }
                    else
                    {
                        _held.Add(socket);
                    }
                });
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        foreach (var socket in _held)
        {
            socket.Dispose();
        }

        _stop.Dispose();
    }
}
