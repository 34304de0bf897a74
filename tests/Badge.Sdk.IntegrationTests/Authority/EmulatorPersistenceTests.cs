using Badge.Sdk.Issuance;
using static Badge.Sdk.TestData.EmulatorHost;
using Badge.Sdk.Certificates;

namespace Badge.Sdk.IntegrationTests.Authority;

public sealed class EmulatorPersistenceTests
{
    [Fact]
    public async Task Restart_OnTheSameFile_KeepsEveryBadge()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = Path.Combine(Path.GetTempPath(), $"badge-restart-{Guid.NewGuid():N}.db");
        var ids = new List<string>();
        string jwsBefore;
        await using (var first = await EmulatorHost.StartAsync(path))
        {
            var client = first.Client(KeyA);
            for (var i = 0; i < 5; i++)
            {
                ids.Add((await client.IssueBadgeAsync(Website(UniqueDomain("restart")), ct)).Id);
            }

            await client.RevokeBadgeAsync(ids[0], "closed", ct);
            jwsBefore = (await client.GetSignedCertificateAsync(ids[1], ct)).Jws;
            await first.StopAsync();
        }

        await using var second = await EmulatorHost.StartAsync(path);
        var reader = second.Client(KeyA);
        var page = await reader.ListBadgesAsync(InstitutionA, 1, 100, ct);
        var metadata = await reader.GetAuthorityMetadataAsync(ct);
        using var signer = metadata.LoadSigningCertificate();

        Assert.Equal(ids, page.Items.Select(b => b.Id));
        Assert.Equal(BadgeStatus.Revoked, page.Items[0].Status);
        Assert.True(Badge.Sdk.Certificates.BadgeCertificateSignature.Verify(jwsBefore, signer, metadata.KeyId).IsValid, "a document signed before the restart verifies after it");
        await second.DisposeAsync();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }
}
