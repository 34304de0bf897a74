using Badge.Authority;
using Badge.Sdk;
using Badge.Sdk.Identity;
using Badge.Sdk.Credentials;
using Badge.Sdk.Issuance;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Badge.Authority.Domains;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Badge.Sdk.Certificates;

namespace Badge.Sdk.TestData;

/// <summary>
/// The authority emulator on a real Kestrel port on 127.0.0.1 with a temporary SQLite file, and SDK clients for it.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    public static readonly UnifiedSocialCreditCode InstitutionA = UnifiedSocialCreditCode.Parse("11360922MB0001230X");
    public static readonly UnifiedSocialCreditCode InstitutionB = UnifiedSocialCreditCode.Parse("12360922MB000567XC");
    public static readonly UnifiedSocialCreditCode InstitutionC = UnifiedSocialCreditCode.Parse("51360922MJ0009012T");

    /// <summary>
    /// Test institutions whose registered names are markup (a registered name is shown on pages, so it must come
    /// out as text): a government organ and a public institution.
    /// </summary>
    public static readonly UnifiedSocialCreditCode InstitutionMarkupOrgan = UnifiedSocialCreditCode.Parse("11360922MB00099968");
    public static readonly UnifiedSocialCreditCode InstitutionMarkupPublic = UnifiedSocialCreditCode.Parse("12360922MB0009988A");
    public const string MarkupName = "</script><script>alert('x')</script><b>&\"融媒\"</b>";
    public const string KeyMarkupOrgan = "test-institution-markup-organ";
    public const string KeyMarkupPublic = "test-institution-markup-public";

    public const string KeyA = "demo-institution-a";
    public const string KeyB = "demo-institution-b";
    public const string KeyC = "demo-institution-c";
    public const string AuthorityKey = "demo-authority";
    public const string WeiboKey = "demo-platform-weibo";

    /// <summary>Test registrations in the emulator's domain registry: badges for names under them are active at once.</summary>
    public const string RegisteredA = "a.test";
    public const string RegisteredB = "b.test";

    private readonly List<ServiceProvider> _providers = [];
    private readonly Dictionary<string, (X509Certificate2 Certificate, X509Certificate2Collection Chain)> _administrators = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _administratorsLock = new(1, 1);

    private readonly bool _ownsDatabase;
    private ConcurrentDictionary<string, int> _sites = null!;

    private EmulatorHost(WebApplication app, string databasePath, bool ownsDatabase)
    {
        _ownsDatabase = ownsDatabase;
        App = app;
        DatabasePath = databasePath;
        Address = AuthorityApp.Address(app);
    }

    public WebApplication App { get; }

    public string DatabasePath { get; }

    public Uri Address { get; }

    public RequestCounter Requests => App.Services.GetRequiredService<RequestCounter>();

    /// <summary>
    /// Host name → port on 127.0.0.1 where the emulator's domain-validation fetches go (the connect callback maps every
    /// name to loopback; a name not listed fails to connect, so nothing leaves the machine).
    /// </summary>
    public ConcurrentDictionary<string, int> Sites => _sites;

    public static async Task<EmulatorHost> StartAsync(string? databasePath = null, Action<AuthorityOptions>? options = null, Action<WebApplicationBuilder>? configure = null)
    {
        var owns = databasePath is null;
        databasePath ??= Path.Combine(Path.GetTempPath(), $"badge-authority-{Guid.NewGuid():N}.db");
        var sites = new ConcurrentDictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var app = AuthorityApp.Build(
            ["--urls=http://127.0.0.1:0", $"--Authority:DatabasePath={databasePath}", "--Logging:LogLevel:Default=Warning"],
            builder =>
            {
                builder.Services.PostConfigure<AuthorityOptions>(o =>
                {
                    o.DomainRegistrations.Add(new DomainRegistrationSeed { Domain = RegisteredA, Uscc = InstitutionA.ToString() });
                    o.DomainRegistrations.Add(new DomainRegistrationSeed { Domain = RegisteredB, Uscc = InstitutionB.ToString() });
                    o.Institutions.Add(new InstitutionSeed { Uscc = InstitutionMarkupOrgan.ToString(), Name = MarkupName, ApiKey = KeyMarkupOrgan, PrimaryAdministrator = "admin-m1" });
                    o.Institutions.Add(new InstitutionSeed { Uscc = InstitutionMarkupPublic.ToString(), Name = MarkupName, ApiKey = KeyMarkupPublic, PrimaryAdministrator = "admin-m2" });
                    o.DomainRegistrations.Add(new DomainRegistrationSeed { Domain = "markup-organ.test", Uscc = InstitutionMarkupOrgan.ToString() });
                    o.DomainRegistrations.Add(new DomainRegistrationSeed { Domain = "markup-public.test", Uscc = InstitutionMarkupPublic.ToString() });
                    o.DomainValidationInterval = TimeSpan.FromMilliseconds(200);
                    o.DomainValidationTimeout = TimeSpan.FromSeconds(3);
                    options?.Invoke(o);
                });
                builder.Services.AddHttpClient(DomainValidationFetcher.ClientName).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    UseProxy = false,
                    ConnectCallback = async (context, ct) =>
                    {
                        if (!sites.TryGetValue(context.DnsEndPoint.Host, out var port))
                        {
                            throw new HttpRequestException($"no test site answers for {context.DnsEndPoint.Host}");
                        }

                        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                        try
                        {
                            await socket.ConnectAsync(IPAddress.Loopback, port, ct);
                            return new NetworkStream(socket, ownsSocket: true);
                        }
                        catch
                        {
                            socket.Dispose();
                            throw;
                        }
                    },
                });
                configure?.Invoke(builder);
            });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var host = new EmulatorHost(app, databasePath, owns);
        host._sites = sites;
        return host;
    }

    public IBadgeAuthorityClient Client(string? apiKey = null, Action<IServiceCollection>? services = null, Action<IHttpClientBuilder>? http = null, Action<BadgeAuthorityClientOptions>? options = null) =>
        Provider(apiKey, services, http, options).GetRequiredService<IBadgeAuthorityClient>();

    /// <summary>The grants and audit client, registered by <c>AddBadgeAuthorityClient</c> as a user's host does.</summary>
    public IOperatorGrantClient Grants(string? apiKey = null) => Provider(apiKey).GetRequiredService<IOperatorGrantClient>();

    /// <summary>The credential certificate client.</summary>
    public ICredentialAuthorityClient Credentials(string? apiKey = null) => Provider(apiKey).GetRequiredService<ICredentialAuthorityClient>();

    /// <summary>The census client.</summary>
    public ICensusClient Census(string? apiKey = null) => Provider(apiKey).GetRequiredService<ICensusClient>();

    public ServiceProvider Provider(string? apiKey = null, Action<IServiceCollection>? services = null, Action<IHttpClientBuilder>? http = null, Action<BadgeAuthorityClientOptions>? options = null)
    {
        var collection = new ServiceCollection();
        services?.Invoke(collection);
        var builder = collection.AddBadgeAuthorityClient(o =>
        {
            o.BaseAddress = Address;
            o.ApiKey = apiKey;
            options?.Invoke(o);
        });
        http?.Invoke(builder);
        var provider = collection.BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }

    /// <summary>A credential (institution) or platform certificate from the emulator's CA, with its private key.</summary>
    public async Task<(X509Certificate2 Certificate, X509Certificate2Collection Chain)> CredentialAsync(string apiKey, bool platform)
    {
        var (key, csr) = CredentialFile.CreateKey();
        using (key)
        {
            var issued = platform
                ? await Credentials(apiKey).IssuePlatformCredentialAsync(csr, TestContext.Current.CancellationToken)
                : await Credentials(apiKey).IssueCredentialAsync(csr, TestContext.Current.CancellationToken);
            using var certificate = issued.LoadCertificate();
            return (certificate.CopyWithPrivateKey(key), issued.LoadChain());
        }
    }

    /// <summary>
    /// The primary administrator's own credential (admin-a, admin-b or admin-c for KeyA, KeyB or KeyC), enrolled once
    /// per emulator with the seeded one-time code and kept for the host's lifetime.
    /// </summary>
    public async Task<(X509Certificate2 Certificate, X509Certificate2Collection Chain)> PrimaryAdministratorAsync(string apiKey = KeyA)
    {
        var administrator = apiKey switch
        {
            KeyA => "admin-a",
            KeyB => "admin-b",
            KeyC => "admin-c",
            _ => throw new ArgumentException("a demo institution key", nameof(apiKey)),
        };
        await _administratorsLock.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (!_administrators.TryGetValue(administrator, out var credential))
            {
                credential = await AdministratorCredentialAsync(apiKey, administrator, "demo-enroll-" + administrator);
                _administrators[administrator] = credential;
            }

            return credential;
        }
        finally
        {
            _administratorsLock.Release();
        }
    }

    /// <summary>An administrator's own credential, enrolled with a one-time code.</summary>
    public async Task<(X509Certificate2 Certificate, X509Certificate2Collection Chain)> AdministratorCredentialAsync(string apiKey, string administratorId, string enrollmentCode)
    {
        var (key, csr) = CredentialFile.CreateKey();
        using (key)
        {
            var issued = await Credentials(apiKey).IssueAdministratorCredentialAsync(csr, administratorId, enrollmentCode, TestContext.Current.CancellationToken);
            using var certificate = issued.LoadCertificate();
            return (certificate.CopyWithPrivateKey(key), issued.LoadChain());
        }
    }

    /// <summary>The institution's primary administrator grants an operator, signing the grant with their own credential.</summary>
    public async Task<OperatorGrant> GrantAsync(string apiKey, UnifiedSocialCreditCode uscc, string platform, string accountId, string operatorId)
    {
        var (administrator, chain) = await PrimaryAdministratorAsync(apiKey);
        return await Grants(apiKey).GrantOperatorAsync(uscc, new OperatorGrantRequest
        {
            Platform = platform,
            AccountId = accountId,
            OperatorId = operatorId,
            Signature = AdministratorSignature.SignGrant(uscc, PlatformId.Parse(platform), accountId, operatorId, administrator, chain, DateTimeOffset.UtcNow),
        }, TestContext.Current.CancellationToken);
    }

    /// <summary>The CA root the emulator publishes.</summary>
    public async Task<X509Certificate2Collection> RootsAsync()
    {
        var metadata = await Client().GetAuthorityMetadataAsync(TestContext.Current.CancellationToken);
        return [X509CertificateLoader.LoadCertificate(Convert.FromBase64String(metadata.RootCertificate!))];
    }

    /// <summary>A website badge request; the organizer name is omitted unless given (the authority fills in the registered name).</summary>
    public static IssueBadgeRequest Website(string domain, UnifiedSocialCreditCode? uscc = null, string? organizer = null) => new()
    {
        Kind = BadgeKind.Website,
        Uscc = (uscc ?? InstitutionA).ToString(),
        OrganizerName = organizer,
        OnlineName = "万载县人民政府网",
        Domain = domain,
    };

    /// <summary>A fresh domain under a test registration (A's unless <paramref name="owner"/> says B), active at once.</summary>
    public static string UniqueDomain(string prefix = "gov", UnifiedSocialCreditCode? owner = null) =>
        $"{prefix}-{Guid.NewGuid():N}"[..20] + "." + (owner == InstitutionB ? RegisteredB
            : owner == InstitutionMarkupOrgan ? "markup-organ.test"
            : owner == InstitutionMarkupPublic ? "markup-public.test"
            : RegisteredA);

    /// <summary>A fresh domain under no registration: a badge for it is pending until the site serves the token.</summary>
    public static string UnregisteredDomain(string prefix = "site") => $"{prefix}-{Guid.NewGuid():N}"[..20] + ".test";

    public async Task StopAsync()
    {
        await App.StopAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        foreach (var (certificate, chain) in _administrators.Values)
        {
            certificate.Dispose();
            foreach (var c in chain)
            {
                c.Dispose();
            }
        }

        _administratorsLock.Dispose();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!_ownsDatabase)
        {
            return;
        }

        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            try
            {
                File.Delete(DatabasePath + suffix);
            }
            catch (IOException)
            {
            }
        }
    }
}

/// <summary>One emulator shared by the tests of a class.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public EmulatorHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await EmulatorHost.StartAsync();

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
