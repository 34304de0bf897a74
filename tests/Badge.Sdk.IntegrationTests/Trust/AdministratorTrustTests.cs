using Badge.Sdk.Challenges;
using Badge.Sdk.Credentials;
using Badge.Sdk.Issuance;
using Badge.Sdk.Platforms;
using static Badge.Sdk.TestData.EmulatorHost;
using Badge.Sdk.Identity;

namespace Badge.Sdk.IntegrationTests.Trust;

/// <summary>
/// Administrators sign what they do (issue #15, item 4): a holder of the institution's key tries to act as its
/// primary administrator, over HTTP against the emulator.
/// </summary>
public sealed class AdministratorTrustTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorHost _host = fixture.Host;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string GrantsPath => $"api/v1/institutions/{InstitutionA}/operator-grants";

    [Fact]
    public async Task ASelfAssertedAdministrator_GrantsNothing()
    {
        var account = NewAccount();

        // The old request: the institution key, and a name typed into actingAdministrator.
        var selfAsserted = await TrustKit.PostAsync(_host.Address, KeyA, GrantsPath, new { platform = "weibo", accountId = account, operatorId = "op-1", actingAdministrator = "admin-a" });
        var appointed = await TrustKit.PostAsync(_host.Address, KeyA, $"api/v1/institutions/{InstitutionA}/administrators", new { administratorId = "mallory", actingAdministrator = "admin-a" });

        Assert.InRange(selfAsserted.Status, 400, 401);
        Assert.InRange(appointed.Status, 400, 401);
        if (selfAsserted.Status == 401)
        {
            Assert.Equal((AuthorityErrorCodes.SignatureInvalid, "signature"), (selfAsserted.Body.Code(), selfAsserted.Body.Field()));
        }

        Assert.False((await _host.Grants(WeiboKey).CheckOperatorGrantAsync(InstitutionA, PlatformId.Weibo, account, "op-1", Ct)).Granted);
        Assert.DoesNotContain(await _host.Grants(KeyA).GetAuditTrailAsync(InstitutionA, Ct), a => a.Target == "mallory" || a.Target.Contains(account, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AGrantSignedByANonAdministrator_IsRefused()
    {
        var account = NewAccount();

        // The institution's own credential (role institution), a forged administrator credential naming admin-a,
        // and B's primary administrator signing for A.
        var (institution, institutionChain) = await _host.CredentialAsync(KeyA, platform: false);
        var (forged, forgedChain) = TrustKit.Forge("administrator:admin-a", InstitutionA.ToString(), "万载县人民政府办公室");
        var (adminB, adminBChain) = await _host.PrimaryAdministratorAsync(KeyB);
        using var _ = institution;
        using var __ = forged;

        var byInstitution = await GrantAsync(account, AdministratorSignature.SignGrant(InstitutionA, PlatformId.Weibo, account, "op-1", institution, institutionChain, DateTimeOffset.UtcNow));
        var byForgery = await GrantAsync(account, AdministratorSignature.SignGrant(InstitutionA, PlatformId.Weibo, account, "op-1", forged, forgedChain, DateTimeOffset.UtcNow));
        var byB = await GrantAsync(account, AdministratorSignature.SignGrant(InstitutionA, PlatformId.Weibo, account, "op-1", adminB, adminBChain, DateTimeOffset.UtcNow));

        Assert.Equal((403, AuthorityErrorCodes.SignatureInvalid, ChallengeReasonCodes.ChainInvalid), (byInstitution.Status, byInstitution.Body.Code(), byInstitution.Body.Reason()));
        Assert.Equal((403, AuthorityErrorCodes.SignatureInvalid, ChallengeReasonCodes.ChainInvalid), (byForgery.Status, byForgery.Body.Code(), byForgery.Body.Reason()));
        Assert.Equal((403, AuthorityErrorCodes.SignatureMismatch, "uscc"), (byB.Status, byB.Body.Code(), byB.Body.Reason()));
        Assert.False((await _host.Grants(WeiboKey).CheckOperatorGrantAsync(InstitutionA, PlatformId.Weibo, account, "op-1", Ct)).Granted);
    }

    [Fact]
    public async Task TheInstitutionKey_CannotMintAnAdministratorCredential()
    {
        var (_, csr) = CredentialFile.CreateKey();
        var client = _host.Credentials(KeyA);

        var guessedCode = await Assert.ThrowsAsync<BadgeAuthorityException>(() => client.IssueAdministratorCredentialAsync(csr, "admin-a", "guess", Ct));
        var stranger = await Assert.ThrowsAsync<BadgeAuthorityException>(() => client.IssueAdministratorCredentialAsync(csr, "mallory", "demo-enroll-admin-a", Ct));

        Assert.Equal((AuthorityErrorCodes.InvalidEnrollmentCode, "enrollmentCode"), (guessedCode.Code, guessedCode.Field));
        Assert.Equal((AuthorityErrorCodes.NotAnAdministrator, "administratorId"), (stranger.Code, stranger.Field));
    }

    [Fact]
    public async Task AnAppointedAdministrator_Grants_ButCannotAppoint_AndTheEnrolmentCodeWorksOnce()
    {
        var (primary, primaryChain) = await _host.PrimaryAdministratorAsync(KeyA);
        var deputyId = "deputy-" + Guid.NewGuid().ToString("N")[..6];
        var appointment = await _host.Grants(KeyA).AppointAdministratorAsync(InstitutionA, new AdministratorAppointmentRequest
        {
            AdministratorId = deputyId,
            Signature = AdministratorSignature.SignAppointment(InstitutionA, deputyId, primary, primaryChain, DateTimeOffset.UtcNow),
        }, Ct);
        var (deputy, deputyChain) = await _host.AdministratorCredentialAsync(KeyA, deputyId, appointment.EnrollmentCode);
        using var _ = deputy;
        var account = NewAccount();

        var again = await Assert.ThrowsAsync<BadgeAuthorityException>(() => _host.AdministratorCredentialAsync(KeyA, deputyId, appointment.EnrollmentCode));
        var granted = await GrantAsync(account, AdministratorSignature.SignGrant(InstitutionA, PlatformId.Weibo, account, "op-1", deputy, deputyChain, DateTimeOffset.UtcNow));
        var appointing = await TrustKit.PostAsync(_host.Address, KeyA, $"api/v1/institutions/{InstitutionA}/administrators", new
        {
            administratorId = "deputy-of-deputy",
            signature = AdministratorSignature.SignAppointment(InstitutionA, "deputy-of-deputy", deputy, deputyChain, DateTimeOffset.UtcNow),
        });

        Assert.Equal(AuthorityErrorCodes.InvalidEnrollmentCode, again.Code);
        Assert.Equal(201, granted.Status);
        Assert.Equal(deputyId, granted.Body.GetProperty("grantedBy").GetString());
        Assert.Equal((403, AuthorityErrorCodes.NotAnAdministrator), (appointing.Status, appointing.Body.Code()));
        var audit = await _host.Grants(KeyA).GetAuditTrailAsync(InstitutionA, Ct);
        Assert.Contains(audit, a => a.Action == "grant.created" && a.Target == $"weibo/{account}/op-1" && a.Actor == deputyId);
        Assert.DoesNotContain(audit, a => a.Target == "deputy-of-deputy");
    }

    [Fact]
    public async Task ASignedGrant_ReplayedOrRetargetedOrStale_IsRefused()
    {
        var (primary, primaryChain) = await _host.PrimaryAdministratorAsync(KeyA);
        var account = NewAccount();
        var signed = AdministratorSignature.SignGrant(InstitutionA, PlatformId.Weibo, account, "op-1", primary, primaryChain, DateTimeOffset.UtcNow);

        var first = await GrantAsync(account, signed);
        var replayed = await GrantAsync(account, signed);
        var retargeted = await GrantAsync(account, AdministratorSignature.SignGrant(InstitutionA, PlatformId.Weibo, account, "op-1", primary, primaryChain, DateTimeOffset.UtcNow), operatorId: "op-mallory");
        var stale = await GrantAsync(account, AdministratorSignature.SignGrant(InstitutionA, PlatformId.Weibo, account, "op-2", primary, primaryChain, DateTimeOffset.UtcNow.AddHours(-1)), operatorId: "op-2");
        var revocationAsGrant = await GrantAsync(account, AdministratorSignature.SignGrantRevocation(InstitutionA, "grt-x", primary, primaryChain, DateTimeOffset.UtcNow));

        Assert.Equal(201, first.Status);
        Assert.Equal((409, AuthorityErrorCodes.SignatureReplayed), (replayed.Status, replayed.Body.Code()));
        Assert.Equal((403, AuthorityErrorCodes.SignatureMismatch, "operatorId"), (retargeted.Status, retargeted.Body.Code(), retargeted.Body.Field()));
        Assert.Equal((403, AuthorityErrorCodes.SignatureReplayed, ChallengeReasonCodes.Expired), (stale.Status, stale.Body.Code(), stale.Body.Reason()));
        Assert.Equal((403, AuthorityErrorCodes.SignatureMismatch, "action"), (revocationAsGrant.Status, revocationAsGrant.Body.Code(), revocationAsGrant.Body.Reason()));
        Assert.False((await _host.Grants(WeiboKey).CheckOperatorGrantAsync(InstitutionA, PlatformId.Weibo, account, "op-mallory", Ct)).Granted);
        Assert.False((await _host.Grants(WeiboKey).CheckOperatorGrantAsync(InstitutionA, PlatformId.Weibo, account, "op-2", Ct)).Granted);
    }

    [Fact]
    public async Task ARevokedAdministratorCredential_SignsNothing_AndRevocationsAreSignedToo()
    {
        var (primary, primaryChain) = await _host.PrimaryAdministratorAsync(KeyA);
        var deputyId = "deputy-" + Guid.NewGuid().ToString("N")[..6];
        var appointment = await _host.Grants(KeyA).AppointAdministratorAsync(InstitutionA, new AdministratorAppointmentRequest
        {
            AdministratorId = deputyId,
            Signature = AdministratorSignature.SignAppointment(InstitutionA, deputyId, primary, primaryChain, DateTimeOffset.UtcNow),
        }, Ct);
        var (deputy, deputyChain) = await _host.AdministratorCredentialAsync(KeyA, deputyId, appointment.EnrollmentCode);
        using var _ = deputy;
        var account = NewAccount();
        var grant = await _host.GrantAsync(KeyA, InstitutionA, "weibo", account, "op-1");
        await _host.Credentials(KeyA).RevokeCredentialAsync(deputy.SerialNumber, Ct);

        var byRevoked = await GrantAsync(NewAccount(), null, deputy, deputyChain);
        var unsignedRevocation = await TrustKit.PostAsync(_host.Address, KeyA, $"{GrantsPath}/{grant.Id}/revoke", new { actingAdministrator = "admin-a" });
        var revocationOfAnotherGrant = await TrustKit.PostAsync(_host.Address, KeyA, $"{GrantsPath}/{grant.Id}/revoke", new
        {
            signature = AdministratorSignature.SignGrantRevocation(InstitutionA, "grt-other", primary, primaryChain, DateTimeOffset.UtcNow),
        });

        Assert.Equal((403, AuthorityErrorCodes.CredentialRevoked), (byRevoked.Status, byRevoked.Body.Code()));
        Assert.InRange(unsignedRevocation.Status, 400, 401);
        Assert.Equal((403, AuthorityErrorCodes.SignatureMismatch, "grantId"), (revocationOfAnotherGrant.Status, revocationOfAnotherGrant.Body.Code(), revocationOfAnotherGrant.Body.Field()));
        Assert.True((await _host.Grants(WeiboKey).CheckOperatorGrantAsync(InstitutionA, PlatformId.Weibo, account, "op-1", Ct)).Granted);
    }

    private static string NewAccount() => "wb-" + Guid.NewGuid().ToString("N")[..10];

    private Task<(int Status, System.Text.Json.JsonElement Body)> GrantAsync(
        string account, string? signature, System.Security.Cryptography.X509Certificates.X509Certificate2? signer = null,
        System.Security.Cryptography.X509Certificates.X509Certificate2Collection? chain = null, string operatorId = "op-1") =>
        TrustKit.PostAsync(_host.Address, KeyA, GrantsPath, new
        {
            platform = "weibo",
            accountId = account,
            operatorId,
            signature = signature ?? AdministratorSignature.SignGrant(InstitutionA, PlatformId.Weibo, account, operatorId, signer!, chain!, DateTimeOffset.UtcNow),
        });
}
