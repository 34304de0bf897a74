using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Badge.Gateway.Tests;

/// <summary>
/// A system server (nginx, php-fpm) started by a test in the foreground, with its configuration, pid file, logs and
/// temporary files in a directory of its own, on a free port of 127.0.0.1. Stopping kills only the process it
/// started (and that process's own workers), never anything found by name.
/// </summary>
internal sealed class SystemServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SystemServer(Process process, int port, string directory)
    {
        _process = process;
        Port = port;
        Directory = directory;
    }

    public int Port { get; }

    public string Directory { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static bool IsRoot => Environment.UserName == "root";

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts nginx with the <c>http { server { … } }</c> blocks given (each written with its own port).</summary>
    public static Task<SystemServer> StartNginxAsync(string directory, Func<int, string> servers, int? port = null) =>
        StartAsync(directory, port, p =>
        {
            foreach (var sub in new[] { "logs", "tmp/body", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi" })
            {
                System.IO.Directory.CreateDirectory(Path.Combine(directory, sub));
            }

            var conf = Path.Combine(directory, "nginx.conf");
            File.WriteAllText(conf, $$"""
                {{(IsRoot ? "user root root;" : string.Empty)}}
                daemon off;
                master_process on;
                worker_processes 1;
                pid {{directory}}/nginx.pid;
                error_log {{directory}}/logs/error.log warn;
                events { worker_connections 1024; }
                http {
                    access_log off;
                    client_body_temp_path {{directory}}/tmp/body;
                    proxy_temp_path {{directory}}/tmp/proxy;
                    fastcgi_temp_path {{directory}}/tmp/fastcgi;
                    uwsgi_temp_path {{directory}}/tmp/uwsgi;
                    scgi_temp_path {{directory}}/tmp/scgi;
                    types { text/html html htm; text/css css; application/javascript js; image/png png; application/octet-stream bin; }
                    default_type application/octet-stream;
                    sendfile on;
                    keepalive_requests 100000;
                {{servers(p)}}
                }
                """);
            return (SystemPackages.Nginx!, $"-p {directory}/ -c {conf}");
        }, () => File.Exists(Path.Combine(directory, "logs/error.log")) ? File.ReadAllText(Path.Combine(directory, "logs/error.log")) : string.Empty);

    /// <summary>Starts php-fpm (no php.ini, so output is not buffered unless a page asks) listening on a free port.</summary>
    public static Task<SystemServer> StartPhpFpmAsync(string directory) =>
        StartAsync(directory, null, p =>
        {
            var conf = Path.Combine(directory, "php-fpm.conf");
            File.WriteAllText(conf, $"""
                [global]
                pid = {directory}/php-fpm.pid
                error_log = {directory}/php-fpm.log
                daemonize = no
                [www]
                listen = 127.0.0.1:{p}
                pm = static
                pm.max_children = 4
                clear_env = no
                catch_workers_output = yes
                """);
            return (SystemPackages.PhpFpm!, $"-n -p {directory} -y {conf} -F{(IsRoot ? " -R" : string.Empty)}");
        }, () => File.Exists(Path.Combine(directory, "php-fpm.log")) ? File.ReadAllText(Path.Combine(directory, "php-fpm.log")) : string.Empty);

    private static async Task<SystemServer> StartAsync(string directory, int? fixedPort, Func<int, (string File, string Arguments)> configure, Func<string> log)
    {
        System.IO.Directory.CreateDirectory(directory);
        Exception? last = null;
        for (var attempt = 0; attempt < (fixedPort is null ? 3 : 1); attempt++)
        {
            var port = fixedPort ?? FreePort();
            var (file, arguments) = configure(port);
            var process = new Process
            {
                StartInfo = new ProcessStartInfo(file, arguments)
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                },
            };
            var server = new SystemServer(process, port, directory);
            process.OutputDataReceived += (_, e) => server.Append(e.Data);
            process.ErrorDataReceived += (_, e) => server.Append(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (DateTime.UtcNow < deadline && !process.HasExited)
            {
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port);
                    return server;
                }
                catch (SocketException)
                {
                    await Task.Delay(50);
                }
            }

            last = new InvalidOperationException($"{Path.GetFileName(file)} did not start on port {port}: {server.Output} {log()}");
            await server.DisposeAsync();
        }

        throw last!;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                // The process this test started, and the workers it forked; nothing else.
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }
}
