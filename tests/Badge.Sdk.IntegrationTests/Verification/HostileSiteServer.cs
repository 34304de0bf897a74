using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Badge.Sdk.IntegrationTests.Verification;

/// <summary>
/// A raw HTTP/1.1 server on 127.0.0.1 that answers each host name with whatever bytes a test writes, so a site can
/// misbehave the way no well-behaved server (Kestrel) would let it: reset mid-body, trickle a byte at a time, send a
/// charset or content coding a browser would refuse, redirect anywhere.
/// </summary>
internal sealed class HostileSiteServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, Func<HostileConnection, Task>> _sites = new(StringComparer.OrdinalIgnoreCase);
    private readonly Task _accepting;

    public HostileSiteServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>Every request's Host header (with its port, when one was sent) and path, in arrival order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public void Map(string host, Func<HostileConnection, Task> handler) => _sites[host] = handler;

    /// <summary>Answers with a status line, headers and a body, as given.</summary>
    public void Respond(string host, string headers, byte[] body) =>
        Map(host, c => c.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {headers}\r\nConnection: close\r\n\r\n"), body));

    public void Html(string host, string html, string contentType = "text/html; charset=utf-8") =>
        Respond(host, $"200 OK\r\nContent-Type: {contentType}\r\nContent-Length: {Encoding.UTF8.GetByteCount(html)}", Encoding.UTF8.GetBytes(html));

    public void Redirect(string host, string location) =>
        Respond(host, $"302 Found\r\nLocation: {location}\r\nContent-Length: 0", []);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using (socket)
        {
            try
            {
                var stream = new NetworkStream(socket, ownsSocket: false);
                var head = await ReadHeadAsync(stream);
                if (head is null)
                {
                    return;
                }

                var lines = head.Split("\r\n");
                var path = lines[0].Split(' ') is { Length: >= 2 } parts ? parts[1] : "/";
                var host = lines.Skip(1).FirstOrDefault(l => l.StartsWith("Host:", StringComparison.OrdinalIgnoreCase))?[5..].Trim() ?? string.Empty;
                Requests.Enqueue(host + path);
                var name = host.Contains(':', StringComparison.Ordinal) ? host[..host.LastIndexOf(':')] : host;
                var connection = new HostileConnection(socket, stream, host, path, _stop.Token);
                if (_sites.TryGetValue(name, out var site))
                {
                    await site(connection);
                }
                else
                {
                    await connection.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
                }

                socket.Shutdown(SocketShutdown.Send);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away (as it should, from a hostile site): nothing to do.
            }
        }
    }

    private async Task<string?> ReadHeadAsync(NetworkStream stream)
    {
        var buffer = new byte[16 * 1024];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), _stop.Token);
            if (read == 0)
            {
                return null;
            }

            if (length == 0 && buffer[0] == 0x16)
            {
                // A TLS handshake: this server speaks plain HTTP only, so it hangs up at once.
                return null;
            }

            length += read;
            var text = Encoding.Latin1.GetString(buffer, 0, length);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                return text[..end];
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}

/// <summary>One accepted request on <see cref="HostileSiteServer"/>.</summary>
internal sealed class HostileConnection(Socket socket, NetworkStream stream, string host, string path, CancellationToken stopping)
{
    public string Host { get; } = host;

    public string Path { get; } = path;

    public CancellationToken Stopping { get; } = stopping;

    public async Task WriteAsync(params byte[][] parts)
    {
        foreach (var part in parts)
        {
            await stream.WriteAsync(part, Stopping);
        }

        await stream.FlushAsync(Stopping);
    }

    public Task WriteAsync(string text) => WriteAsync(Encoding.ASCII.GetBytes(text));

    /// <summary>Ends the connection with a TCP reset instead of a clean close.</summary>
    public void Reset()
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }
}
