using System.Security.Cryptography.X509Certificates;
using Badge.Sdk.Credentials;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Microsoft.Extensions.DependencyInjection;

namespace Badge.Sdk.BrowserTests;

/// <summary>
/// The demo institution's primary administrator (第一管理责任人), as the platform tests' set-up: enrolled once with the
/// emulator's seeded code, then signing each operator grant with their own credential, as the manual requires.
/// </summary>
internal sealed class DemoAdministrator(Uri authority) : IDisposable
{
    public const string Uscc = "11360922MB0001230X";

    private X509Certificate2? _certificate;
    private X509Certificate2Collection _chain = [];

    /// <summary>Grants operator <c>op-1</c> the use of the institution's credential for one account.</summary>
    public async Task GrantAsync(string platform, string account, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddBadgeAuthorityClient(o =>
        {
            o.BaseAddress = authority;
            o.ApiKey = "demo-institution-a";
        });
        await using var provider = services.BuildServiceProvider();
        var uscc = UnifiedSocialCreditCode.Parse(Uscc);
        if (_certificate is null)
        {
            var (key, csr) = CredentialFile.CreateKey();
            using (key)
            {
                var issued = await provider.GetRequiredService<ICredentialAuthorityClient>().IssueAdministratorCredentialAsync(csr, "admin-a", "demo-enroll-admin-a", cancellationToken);
                using var certificate = issued.LoadCertificate();
                _certificate = certificate.CopyWithPrivateKey(key);
                _chain = issued.LoadChain();
            }
        }

        await provider.GetRequiredService<IOperatorGrantClient>().GrantOperatorAsync(uscc, new OperatorGrantRequest
        {
            Platform = platform,
            AccountId = account,
            OperatorId = "op-1",
            Signature = AdministratorSignature.SignGrant(uscc, PlatformId.Parse(platform), account, "op-1", _certificate, _chain, DateTimeOffset.UtcNow),
        }, cancellationToken);
    }

    public void Dispose() => _certificate?.Dispose();
}
