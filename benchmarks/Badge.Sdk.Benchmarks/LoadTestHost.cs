using Badge.Sdk.AspNetCore;
using Badge.Sdk.Certificates;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Badge.Sdk.Benchmarks;

/// <summary>
/// The end-to-end load target: Kestrel on 127.0.0.1 serving one 64 KiB page, with or without the badge footer.
/// The authority is an in-process stand-in, so the measurement is the middleware's cost alone.
/// </summary>
internal static class LoadTestHost
{
    public static async Task RunAsync(int port, bool badge)
    {
        var page = SamplePage.Create(64 * 1024);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        if (badge)
        {
            builder.Services.AddSingleton<IBadgeAuthorityClient>(new StandInAuthority());
            builder.Services.AddBadgeFooter(o => o.BadgeId = StandInAuthority.Id);
        }

        var app = builder.Build();
        if (badge)
        {
            app.UseBadgeFooter();
        }

        app.MapGet("/", (HttpContext context) =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            return context.Response.Body.WriteAsync(page).AsTask();
        });
        await app.RunAsync();
    }

    internal sealed class StandInAuthority : IBadgeAuthorityClient
    {
        public const string Id = "bdg-0123456789abcdef0123";

        private static readonly BadgeCertificate Certificate = new()
        {
            BadgeId = Id,
            Kind = BadgeKind.Website,
            Status = BadgeStatus.Active,
            Version = 1,
            OrganizerName = OrganizerName.Parse("万载县人民政府办公室"),
            Uscc = UnifiedSocialCreditCode.Parse("11360922MB0001230X"),
            InstitutionKind = InstitutionKind.GovernmentOrgan,
            OnlineName = OnlineName.Parse("万载县人民政府网"),
            Domain = SiteDomain.Parse("localhost"),
            IssuingOffice = "中央编办域名服务中心",
            IssuedAt = DateTimeOffset.UnixEpoch,
            UpdatedAt = DateTimeOffset.UnixEpoch,
            CertificateUrl = new Uri($"http://127.0.0.1:5280/certificates/{Id}"),
        };

        public Task<BadgeRecord> ResolveCurrentBadgeAsync(string badgeId, CancellationToken cancellationToken = default) => Task.FromResult(new BadgeRecord
        {
            Id = Id,
            Kind = BadgeKind.Website,
            Status = BadgeStatus.Active,
            Version = 1,
            Uscc = Certificate.Uscc,
            OrganizerName = Certificate.OrganizerName,
            OnlineName = Certificate.OnlineName,
            IssuedAt = Certificate.IssuedAt,
            UpdatedAt = Certificate.UpdatedAt,
        });

        public ValueTask<BadgeCertificate> GetCertificateAsync(string badgeId, CancellationToken cancellationToken = default) => new(Certificate);

        public Task<byte[]> GetBadgeImageAsync(string badgeId, CancellationToken cancellationToken = default) => Task.FromResult("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray());

        public Task<IssuedBadge> IssueBadgeAsync(IssueBadgeRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<BadgeRecord> GetBadgeAsync(string badgeId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<BadgePage> ListBadgesAsync(UnifiedSocialCreditCode uscc, int page = 1, int pageSize = 50, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<BadgeRecord> RevokeBadgeAsync(string badgeId, string reason, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<BadgeRecord> ImportLegacyBadgeAsync(ImportLegacyBadgeRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<BadgeRecord> SupersedeBadgeAsync(string badgeId, string replacementId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<SignedBadgeCertificate> GetSignedCertificateAsync(string badgeId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<AuthorityMetadata> GetAuthorityMetadataAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task AppointAdministratorAsync(UnifiedSocialCreditCode uscc, AdministratorAppointmentRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<OperatorGrant> GrantOperatorAsync(UnifiedSocialCreditCode uscc, OperatorGrantRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<OperatorGrant> RevokeOperatorGrantAsync(UnifiedSocialCreditCode uscc, string grantId, string actingAdministrator, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<OperatorGrantCheck> CheckOperatorGrantAsync(UnifiedSocialCreditCode uscc, string platform, string accountId, string operatorId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(UnifiedSocialCreditCode uscc, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<CensusRecord>> SubmitCensusRecordsAsync(CensusSubmission submission, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<CensusRecord>> ListCensusRecordsAsync(UnifiedSocialCreditCode uscc, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
