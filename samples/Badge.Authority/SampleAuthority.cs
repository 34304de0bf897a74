using System.Net;
using System.Net.Sockets;

namespace Badge.Authority;

/// <summary>
/// The authority a sample host talks to: the one configured with <c>Badge:Authority</c>, or else the emulator
/// started in-process (on its usual port when free, <c>Badge:EmbeddedAuthorityUrl</c> to choose), its SQLite file
/// in <c>Badge:DataDirectory</c> (default: <c>badge-sdk-demo</c> in the local application data folder).
/// </summary>
public sealed class SampleAuthority : IAsyncDisposable
{
    private SampleAuthority(Uri address, WebApplication? embedded, string dataDirectory)
    {
        Address = address;
        Embedded = embedded;
        DataDirectory = dataDirectory;
    }

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
            return new SampleAuthority(new Uri(configured.EndsWith('/') ? configured : configured + "/"), null, dataDirectory);
        }

        var url = configuration["Badge:EmbeddedAuthorityUrl"] ?? (PortFree(5280) ? AuthorityApp.DefaultUrl : "http://127.0.0.1:0");
        var embedded = AuthorityApp.Build([$"--urls={url}", $"--Authority:DatabasePath={Path.Combine(dataDirectory, "authority.db")}", "--Logging:LogLevel:Default=Warning"]);
        await embedded.StartAsync();
        return new SampleAuthority(AuthorityApp.Address(embedded), embedded, dataDirectory);
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

    /// <summary>Whether a loopback port is free.</summary>
    /// <param name="port">The port.</param>
    /// <returns>Whether nothing listens on it.</returns>
    public static bool PortFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
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
