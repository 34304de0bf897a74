using System.Net;
using System.Net.Sockets;

namespace Badge.Authority;

/// <summary>
/// The authority a sample host talks to: the one configured with <c>Badge:Authority</c>, or else the emulator
/// started in-process on its usual port (<c>Badge:EmbeddedAuthorityUrl</c> to choose another), its SQLite file in
/// <c>Badge:DataDirectory</c> (default: <c>badge-sdk-demo</c> in the local application data folder). When the usual
/// port is busy and an emulator answers there, that one is used (and <see cref="Notice"/> says so); when something
/// else holds it, starting fails with a <see cref="SampleStartupException"/> saying what to do. Never a silent fallback.
/// </summary>
public sealed class SampleAuthority : IAsyncDisposable
{
    private SampleAuthority(Uri address, WebApplication? embedded, string dataDirectory, bool isEmulator, string? notice = null)
    {
        Address = address;
        Embedded = embedded;
        DataDirectory = dataDirectory;
        IsEmulator = isEmulator;
        Notice = notice;
    }

    /// <summary>Whether the authority is the emulator (started here or already running), so its demo keys work.</summary>
    public bool IsEmulator { get; }

    /// <summary>A line to print at start when the choice of authority was not the obvious one, else <see langword="null"/>.</summary>
    public string? Notice { get; }

    /// <summary>The authority's address (ends with '/').</summary>
    public Uri Address { get; }

    /// <summary>The in-process emulator, when one was started.</summary>
    public WebApplication? Embedded { get; }

    /// <summary>Where the samples keep their files.</summary>
    public string DataDirectory { get; }

    /// <summary>Uses the configured authority, or starts the emulator in-process.</summary>
    /// <param name="configuration">The host's configuration.</param>
    /// <returns>The authority.</returns>
    public static async Task<SampleAuthority> StartAsync(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var dataDirectory = configuration["Badge:DataDirectory"]
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "badge-sdk-demo");
        Directory.CreateDirectory(dataDirectory);
        if (configuration["Badge:Authority"] is { Length: > 0 } configured)
        {
            return new SampleAuthority(ParseUrl("--Badge:Authority", configured), null, dataDirectory, isEmulator: false);
        }

        // The emulator's address: its usual one unless Badge:EmbeddedAuthorityUrl says otherwise (port 0: any free port).
        var wanted = ParseUrl("--Badge:EmbeddedAuthorityUrl", configuration["Badge:EmbeddedAuthorityUrl"] ?? AuthorityApp.DefaultUrl);
        if (wanted.Port != 0 && !PortFree(wanted.Port))
        {
            if (await AnswersAsEmulatorAsync(wanted))
            {
                return new SampleAuthority(wanted, null, dataDirectory, isEmulator: true,
                    $"Port {wanted.Port} is busy: an authority emulator already answers at {wanted}, so this sample uses it.");
            }

            throw new SampleStartupException(
                $"Port {wanted.Port} is in use, and what listens there is not the badge authority emulator.",
                $"Stop it, or pass --Badge:Authority=<url of a running authority>, or --Badge:EmbeddedAuthorityUrl=http://127.0.0.1:<another port> to start the emulator there.");
        }

        var url = wanted.GetLeftPart(UriPartial.Authority);
        var embedded = AuthorityApp.Build([$"--urls={url}", $"--Authority:DatabasePath={Path.Combine(dataDirectory, "authority.db")}", "--Logging:LogLevel:Default=Warning"], SampleStartupException.QuietStartupFailures);
        await SampleStartupException.StartAsync(embedded, url, "the authority emulator", "--Badge:EmbeddedAuthorityUrl=http://127.0.0.1:<another port>");
        return new SampleAuthority(AuthorityApp.Address(embedded), embedded, dataDirectory, isEmulator: true);
    }

    /// <summary>Reads an absolute http(s) URL a user typed, or says what is wrong with it.</summary>
    /// <param name="option">The option, for the message.</param>
    /// <param name="value">What was typed.</param>
    /// <returns>The URL, ending with '/'.</returns>
    /// <exception cref="SampleStartupException">It is not an absolute http(s) URL.</exception>
    public static Uri ParseUrl(string option, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (Uri.TryCreate(value.EndsWith('/') ? value : value + "/", UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        throw new SampleStartupException(
            $"{option}='{value}' is not an http(s) URL.",
            value.Contains("://", StringComparison.Ordinal) ? null : $"Write it with its scheme, for example {option}=http://{value.TrimEnd('/')}");
    }

    /// <summary>Whether the badge authority protocol answers at an address (its metadata document, within 3 seconds).</summary>
    /// <param name="address">The address.</param>
    /// <returns>Whether it does.</returns>
    public static async Task<bool> AnswersAsEmulatorAsync(Uri address)
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            using var response = await http.GetAsync(new Uri(address, ".well-known/badge-authority"));
            if (!response.IsSuccessStatusCode)
            {
                return false;
            }

            using var document = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && document.RootElement.TryGetProperty("issuer", out _)
                && document.RootElement.TryGetProperty("rootCertificate", out _);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return false;
        }
    }

    /// <summary>A standalone authority client (outside a host's own services), with the key it acts with.</summary>
    /// <param name="address">The authority.</param>
    /// <param name="apiKey">The key, or <see langword="null"/> for public calls.</param>
    /// <param name="client">The client; it lives as long as the returned provider.</param>
    /// <returns>The service provider to dispose when done.</returns>
    public static ServiceProvider CreateClient(Uri address, string? apiKey, out Badge.Sdk.Issuance.IBadgeAuthorityClient client)
    {
        var services = new ServiceCollection();
        Badge.Sdk.BadgeAuthorityServiceCollectionExtensions.AddBadgeAuthorityClient(services, o =>
        {
            o.BaseAddress = address;
            o.ApiKey = apiKey;
        });
        var provider = services.BuildServiceProvider();
        client = provider.GetRequiredService<Badge.Sdk.Issuance.IBadgeAuthorityClient>();
        return provider;
    }

    /// <summary>Whether a loopback port is free: nothing accepts a connection on it (binding a test socket is no
    /// proof on Linux, where sockets with SO_REUSEADDR may bind beside a listener).</summary>
    /// <param name="port">The port.</param>
    /// <returns>Whether nothing listens on it.</returns>
    public static bool PortFree(int port)
    {
        using var client = new TcpClient();
        try
        {
            // A loopback connect is answered by the kernel at once (accepted or refused), so no timeout of ours: a
            // timed wait on a busy machine (a thread pool still starting) took a held port for a free one.
            client.Connect(IPAddress.Loopback, port);
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    /// <summary>A loopback port nothing listens on now.</summary>
    /// <returns>The port.</returns>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Embedded is not null)
        {
            await Embedded.DisposeAsync();
        }
    }
}
