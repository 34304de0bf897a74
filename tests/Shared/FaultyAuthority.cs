using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Badge.Sdk.TestData;

/// <summary>How <see cref="FaultyAuthority"/> misbehaves.</summary>
public enum FaultMode
{
    /// <summary>Forwards to the real authority unchanged.</summary>
    None,

    /// <summary>Reads the request, then resets the connection (TCP RST) before any byte of the answer.</summary>
    ResetBeforeHeaders,

    /// <summary>Sends the headers (with the full Content-Length) and half the body, then resets.</summary>
    ResetMidBody,

    /// <summary>Sends the headers, then nothing until the client gives up.</summary>
    StallAfterHeaders,

    /// <summary>Sends the headers and half the body, then nothing until the client gives up.</summary>
    StallMidBody,

    /// <summary>Sends the headers, then the body one byte a second.</summary>
    Trickle,

    /// <summary>Sends a body of <see cref="FaultyAuthority.HugeBodyBytes"/> (400 MB) with no Content-Length.</summary>
    HugeBody,

    /// <summary>Answers 200 <c>application/json</c> with a body that is not JSON.</summary>
    GarbageJson,

    /// <summary>Forwards, with <see cref="FaultyAuthority.MissingField"/> removed from every JSON object answer.</summary>
    MissingField,

    /// <summary>Answers 500 with a problem document.</summary>
    ServerError,

    /// <summary>Answers 404 <c>unknown_badge</c> for every path, ids the authority knows included.</summary>
    NotFound,

    /// <summary>Forwards the body with <c>Content-Type: text/html</c>.</summary>
    WrongContentType,
}

/// <summary>
/// A misbehaving authority: a raw-socket HTTP/1.1 proxy on 127.0.0.1 in front of the real emulator that can reset,
/// stall, trickle, bloat or corrupt any answer (<see cref="Mode"/>, switchable at any time, also over HTTP with
/// <c>GET /_fault/{mode}</c>). Every answer closes its connection, so a mode applies from the next request on.
/// </summary>
public sealed class FaultyAuthority : IAsyncDisposable
{
    /// <summary>What <see cref="FaultMode.HugeBody"/> sends.</summary>
    public const long HugeBodyBytes = 400L * 1024 * 1024;

    private static readonly byte[] Filler = Encoding.ASCII.GetBytes(new string('a', 64 * 1024));

    private readonly TcpListener _listener;
    private readonly HttpClient _upstream;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private long _bytesSent;
    private long _requests;
    private int _connections;
    private volatile FaultMode _mode;
    private volatile string? _missingField;

    private FaultyAuthority(Uri upstream, int port)
    {
        _upstream = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None, UseCookies = false })
        {
            BaseAddress = upstream,
            Timeout = TimeSpan.FromSeconds(30),
        };
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start(512);
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    /// <summary>The proxy's address (give it to the site as its authority).</summary>
    public Uri Address { get; }

    /// <summary>The current mode.</summary>
    public FaultMode Mode
    {
        get => _mode;
        set => _mode = value;
    }

    /// <summary>For <see cref="FaultMode.MissingField"/>: the JSON property removed (camelCase, as on the wire).</summary>
    public string? MissingField
    {
        get => _missingField;
        set => _missingField = value;
    }

    /// <summary>When set, the fault applies only to paths containing it (<c>.svg</c>: only badge images); others pass.</summary>
    public string? OnlyPathsContaining { get; set; }

    /// <summary>Response bytes (headers and bodies) written to clients since start or the last <see cref="ResetCounters"/>.</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Requests received since start or the last <see cref="ResetCounters"/>.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Connections open now.</summary>
    public int OpenConnections => Volatile.Read(ref _connections);

    /// <summary>Every mode, with the name used on the command line and in <c>/_fault/{mode}</c>.</summary>
    public static IReadOnlyList<(string Name, FaultMode Mode)> Modes { get; } =
        [.. Enum.GetValues<FaultMode>().Select(m => (Name(m), m))];

    /// <summary>Starts the proxy in front of <paramref name="upstream"/>.</summary>
    /// <param name="upstream">The real authority (the emulator).</param>
    /// <param name="port">The loopback port, 0 for any free one.</param>
    /// <returns>The running proxy.</returns>
    public static FaultyAuthority Start(Uri upstream, int port = 0) => new(upstream, port);

    /// <summary>The kebab-case name of a mode (<c>stall-after-headers</c>).</summary>
    /// <param name="mode">The mode.</param>
    /// <returns>The name.</returns>
    public static string Name(FaultMode mode) =>
        string.Concat(mode.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>Parses a mode name (<c>stall-after-headers</c>, or <c>missing-field:organizerName</c>) and applies it.</summary>
    /// <param name="name">The name.</param>
    /// <returns>Whether it was a mode.</returns>
    public bool TrySetMode(string name)
    {
        var field = (string?)null;
        if (name.StartsWith("missing-field:", StringComparison.OrdinalIgnoreCase))
        {
            field = name["missing-field:".Length..];
            name = "missing-field";
        }

        foreach (var (known, mode) in Modes)
        {
            if (string.Equals(known, name, StringComparison.OrdinalIgnoreCase))
            {
                MissingField = field ?? MissingField;
                Mode = mode;
                return true;
            }
        }

        return false;
    }

    /// <summary>Sets the counters to zero.</summary>
    public void ResetCounters()
    {
        Interlocked.Exchange(ref _bytesSent, 0);
        Interlocked.Exchange(ref _requests, 0);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception)
        {
            // The listener was stopped.
        }

        _upstream.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        Interlocked.Increment(ref _connections);
        socket.NoDelay = true;
        try
        {
            using (socket)
            {
                using var stream = new NetworkStream(socket, ownsSocket: false);
                var request = await ReadRequestAsync(stream);
                if (request is null)
                {
                    return;
                }

                Interlocked.Increment(ref _requests);
                if (request.Path.StartsWith("/_fault/", StringComparison.Ordinal))
                {
                    var ok = TrySetMode(Uri.UnescapeDataString(request.Path["/_fault/".Length..]));
                    var text = ok ? $"mode: {Name(Mode)}\n" : $"unknown mode; one of: {string.Join(", ", Modes.Select(m => m.Name))}, missing-field:<name>\n";
                    await WriteAsync(stream, ok ? 200 : 400, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(text));
                    return;
                }

                var mode = Mode;
                if (OnlyPathsContaining is { } only && !request.Path.Contains(only, StringComparison.Ordinal))
                {
                    mode = FaultMode.None;
                }

                if (mode == FaultMode.ResetBeforeHeaders)
                {
                    Reset(socket);
                    return;
                }

                if (mode == FaultMode.ServerError)
                {
                    await WriteAsync(stream, 500, "application/problem+json", """{"title":"Internal Server Error","status":500,"detail":"injected fault"}"""u8.ToArray());
                    return;
                }

                if (mode == FaultMode.NotFound)
                {
                    await WriteAsync(stream, 404, "application/problem+json", """{"title":"Not Found","status":404,"code":"unknown_badge","detail":"No badge has this id."}"""u8.ToArray());
                    return;
                }

                if (mode == FaultMode.GarbageJson)
                {
                    await WriteAsync(stream, 200, "application/json; charset=utf-8", """{"id":"bdg-<html><body>Service Unavailable</body></html>"""u8.ToArray());
                    return;
                }

                // The other modes start from the real answer, always a full one (no 304) so there is a body to spoil.
                using var upstream = await ForwardAsync(request, conditional: mode == FaultMode.None);
                var status = (int)upstream.StatusCode;
                var contentType = upstream.Content.Headers.ContentType?.ToString();
                var body = await upstream.Content.ReadAsByteArrayAsync(_stop.Token);
                var etag = upstream.Headers.ETag?.ToString();
                switch (mode)
                {
                    case FaultMode.WrongContentType:
                        await WriteAsync(stream, status, "text/html; charset=utf-8", body, etag);
                        return;
                    case FaultMode.MissingField:
                        await WriteAsync(stream, status, contentType, WithoutField(body, contentType, MissingField), etag);
                        return;
                    case FaultMode.ResetMidBody:
                        await WriteHeadAsync(stream, status, contentType, body.Length, etag);
                        await WriteBodyAsync(stream, body.AsMemory(0, body.Length / 2));
                        Reset(socket);
                        return;
                    case FaultMode.StallAfterHeaders:
                        await WriteHeadAsync(stream, status, contentType, body.Length, etag);
                        await StallAsync(stream);
                        return;
                    case FaultMode.StallMidBody:
                        await WriteHeadAsync(stream, status, contentType, body.Length, etag);
                        await WriteBodyAsync(stream, body.AsMemory(0, body.Length / 2));
                        await StallAsync(stream);
                        return;
                    case FaultMode.Trickle:
                        await WriteHeadAsync(stream, status, contentType, body.Length, etag);
                        for (var i = 0; i < body.Length && !_stop.IsCancellationRequested; i++)
                        {
                            await WriteBodyAsync(stream, body.AsMemory(i, 1));
                            await Task.Delay(1000, _stop.Token);
                        }

                        return;
                    case FaultMode.HugeBody:
                        await WriteHeadAsync(stream, status, contentType, null, etag);
                        var prefix = contentType?.Contains("svg", StringComparison.Ordinal) == true
                            ? "<svg xmlns=\"http://www.w3.org/2000/svg\"><!--"u8.ToArray()
                            : "{\"id\":\""u8.ToArray();
                        await WriteBodyAsync(stream, prefix);
                        for (long sent = prefix.Length; sent < HugeBodyBytes && !_stop.IsCancellationRequested; sent += Filler.Length)
                        {
                            await WriteBodyAsync(stream, Filler);
                        }

                        return;
                    default:
                        await WriteAsync(stream, status, contentType, body, etag, upstream.StatusCode == HttpStatusCode.NotModified);
                        return;
                }
            }
        }
        catch (Exception)
        {
            // The client gave up or the proxy is stopping: that is the point of most modes.
        }
        finally
        {
            Interlocked.Decrement(ref _connections);
        }
    }

    private async Task<HttpResponseMessage> ForwardAsync(Request request, bool conditional)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Path.TrimStart('/'));
        foreach (var (name, value) in request.Headers)
        {
            if (name.Equals("X-Api-Key", StringComparison.OrdinalIgnoreCase) || name.Equals("Idempotency-Key", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Accept", StringComparison.OrdinalIgnoreCase) || (conditional && name.Equals("If-None-Match", StringComparison.OrdinalIgnoreCase)))
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (request.Body.Length > 0)
        {
            message.Content = new ByteArrayContent(request.Body);
            var type = request.Headers.FirstOrDefault(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value;
            if (type is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }

        return await _upstream.SendAsync(message, _stop.Token);
    }

    private static byte[] WithoutField(byte[] body, string? contentType, string? field)
    {
        if (field is null || contentType?.Contains("json", StringComparison.Ordinal) != true)
        {
            return body;
        }

        try
        {
            if (JsonNode.Parse(body) is JsonObject json)
            {
                json.Remove(field);
                return Encoding.UTF8.GetBytes(json.ToJsonString());
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return body;
    }

    private async Task StallAsync(NetworkStream stream)
    {
        // Hold the connection open, sending nothing, until the client closes it (a read of 0) or the proxy stops.
        var buffer = new byte[256];
        try
        {
            while (await stream.ReadAsync(buffer, _stop.Token) > 0)
            {
            }
        }
        catch (Exception)
        {
        }
    }

    private static void Reset(Socket socket)
    {
        // Linger 0: Close sends RST instead of FIN.
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }

    private async Task WriteAsync(NetworkStream stream, int status, string? contentType, byte[] body, string? etag = null, bool noBody = false)
    {
        await WriteHeadAsync(stream, status, contentType, noBody ? null : body.Length, etag);
        if (!noBody)
        {
            await WriteBodyAsync(stream, body);
        }
    }

    private async Task WriteHeadAsync(NetworkStream stream, int status, string? contentType, long? contentLength, string? etag)
    {
        var head = new StringBuilder()
            .Append("HTTP/1.1 ").Append(status).Append(' ').Append(status switch { 200 => "OK", 304 => "Not Modified", 404 => "Not Found", 500 => "Internal Server Error", _ => "Status" }).Append("\r\n");
        if (contentType is not null)
        {
            head.Append("Content-Type: ").Append(contentType).Append("\r\n");
        }

        if (etag is not null)
        {
            head.Append("ETag: ").Append(etag).Append("\r\n");
        }

        if (contentLength is not null)
        {
            head.Append("Content-Length: ").Append(contentLength.Value).Append("\r\n");
        }

        head.Append("Connection: close\r\n\r\n");
        await WriteBodyAsync(stream, Encoding.ASCII.GetBytes(head.ToString()));
    }

    private async Task WriteBodyAsync(NetworkStream stream, ReadOnlyMemory<byte> bytes)
    {
        await stream.WriteAsync(bytes, _stop.Token);
        Interlocked.Add(ref _bytesSent, bytes.Length);
    }

    private async Task<Request?> ReadRequestAsync(NetworkStream stream)
    {
        var buffer = new byte[64 * 1024];
        var count = 0;
        int end;
        while ((end = buffer.AsSpan(0, count).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (count == buffer.Length)
            {
                return null;
            }

            var read = await stream.ReadAsync(buffer.AsMemory(count), _stop.Token);
            if (read == 0)
            {
                return null;
            }

            count += read;
        }

        var lines = Encoding.ASCII.GetString(buffer, 0, end).Split("\r\n");
        var first = lines[0].Split(' ');
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2).Select(p => (Name: p[0].Trim(), Value: p[1].Trim())).ToList();
        var length = int.TryParse(headers.FirstOrDefault(h => h.Name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Value, out var l) ? l : 0;
        var body = new byte[Math.Min(length, 1024 * 1024)];
        var have = Math.Min(count - end - 4, body.Length);
        buffer.AsSpan(end + 4, have).CopyTo(body);
        while (have < body.Length)
        {
            var read = await stream.ReadAsync(body.AsMemory(have), _stop.Token);
            if (read == 0)
            {
                return null;
            }

            have += read;
        }

        return new Request(first[0], first.Length > 1 ? first[1] : "/", headers, body);
    }

    private sealed record Request(string Method, string Path, List<(string Name, string Value)> Headers, byte[] Body);
}
