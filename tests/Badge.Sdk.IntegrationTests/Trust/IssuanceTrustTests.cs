using System.Net;
using Badge.Sdk.Issuance;
using static Badge.Sdk.IntegrationTests.Trust.TrustSites;
using static Badge.Sdk.TestData.EmulatorHost;

namespace Badge.Sdk.IntegrationTests.Trust;

/// <summary>
/// Names come from the registry: an institution's key cannot put another organizer's name on a certificate, and the
/// authority's own legacy import cannot vouch for an ineligible or unregistered institution.
/// </summary>
public sealed class IssuanceTrustTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorHost _host = fixture.Host;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Issue_WithTheStateCouncilsName_OnAnOrdinaryKey_IsRefusedNamingTheField()
    {
        var before = (await _host.Client().ListBadgesAsync(InstitutionA, cancellationToken: Ct)).TotalCount;
        var body = $$"""
            {"kind":"website","uscc":"{{InstitutionA}}","organizerName":"中华人民共和国国务院办公厅","onlineName":"中国政府网","domain":"{{UniqueDomain("gov")}}"}
            """;

        var (status, problem, contentType) = await PostRawAsync(_host, "api/v1/badges", KeyA, body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Equal(AuthorityErrorCodes.OrganizerMismatch, problem.Prop("code"));
        Assert.Equal("organizerName", problem.Prop("field"));
        Assert.Contains("万载县人民政府办公室", problem.Prop("detail"), StringComparison.Ordinal);
        Assert.Equal(before, (await _host.Client().ListBadgesAsync(InstitutionA, cancellationToken: Ct)).TotalCount);
    }

    [Fact]
    public async Task Issue_OrganizerOmitted_TakesTheRegisteredName_AndTheOnlineNameStaysTheInstitutions()
    {
        var issued = await _host.Client(KeyA).IssueBadgeAsync(Website(UniqueDomain("omit")) with { OnlineName = "万载发布网" }, Ct);
        var certificate = await _host.Client().GetSignedCertificateAsync(issued.Id, Ct);

        Assert.Equal("万载县人民政府办公室", certificate.Certificate.OrganizerName.Value);
        Assert.Equal("万载发布网", certificate.Certificate.OnlineName.Value);
    }

    [Fact]
    public async Task Issue_RegisteredNameInAnotherForm_IsAccepted_AndStoredAsRegistered()
    {
        // Surrounding white space (here an ideographic space) is not part of the name: the same name, typed differently.
        var issued = await _host.Client(KeyB).IssueBadgeAsync(Website(UniqueDomain("fold", InstitutionB), InstitutionB, "万载县融媒体中心　"), Ct);

        Assert.Equal("万载县融媒体中心", issued.Badge.OrganizerName.Value);
    }

    [Fact]
    public async Task LegacyImport_ForAnIneligibleOrUnregisteredInstitution_OrAnotherName_IsRefused()
    {
        var authority = _host.Client(AuthorityKey);
        ImportLegacyBadgeRequest Legacy(string uscc, string organizer) => new()
        {
            LegacyId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
            Uscc = uscc,
            OrganizerName = organizer,
            OnlineName = "旧网站",
            Domain = UniqueDomain("legacy"),
        };

        var ineligible = await Assert.ThrowsAsync<BadgeAuthorityException>(() => authority.ImportLegacyBadgeAsync(Legacy(InstitutionC.ToString(), "万载县书法家协会"), Ct));
        var unregistered = await Assert.ThrowsAsync<BadgeAuthorityException>(() => authority.ImportLegacyBadgeAsync(Legacy("11100000000013127D", "国务院办公厅"), Ct));
        var otherName = await Assert.ThrowsAsync<BadgeAuthorityException>(() => authority.ImportLegacyBadgeAsync(Legacy(InstitutionA.ToString(), "万载县人民政府"), Ct));
        var genuine = await authority.ImportLegacyBadgeAsync(Legacy(InstitutionA.ToString(), "万载县人民政府办公室"), Ct);

        Assert.Equal((422, AuthorityErrorCodes.InstitutionNotEligible, "uscc"), (ineligible.Status!.Value, ineligible.Code, ineligible.Field));
        Assert.Equal((404, AuthorityErrorCodes.UnknownInstitution, "uscc"), (unregistered.Status!.Value, unregistered.Code, unregistered.Field));
        Assert.Equal((422, AuthorityErrorCodes.OrganizerMismatch, "organizerName"), (otherName.Status!.Value, otherName.Code, otherName.Field));
        Assert.True(genuine.IsLegacy);
        Assert.Equal(0, (await _host.Client().ListBadgesAsync(InstitutionC, cancellationToken: Ct)).TotalCount);
    }
}
