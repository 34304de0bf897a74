using Badge.Sdk.Certificates;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;

namespace Badge.Sdk.TestData;

/// <summary>The certificate facts tests and benchmarks use; linked into each project that needs them.</summary>
internal static class SampleCertificates
{
    public const string Uscc = "11360922MB0001230X";

    public static BadgeCertificate Website(
        string id = "bdg-0123456789abcdef0123", int version = 1, string organizer = "万载县人民政府办公室", string domain = "localhost", string authority = "http://127.0.0.1:5280/") => new()
    {
        BadgeId = id,
        Kind = BadgeKind.Website,
        Status = BadgeStatus.Active,
        Version = version,
        OrganizerName = OrganizerName.Parse(organizer),
        Uscc = UnifiedSocialCreditCode.Parse(Uscc),
        InstitutionKind = InstitutionKind.GovernmentOrgan,
        OnlineName = OnlineName.Parse("万载县人民政府网"),
        Domain = SiteDomain.Parse(domain),
        IssuingOffice = "中央编办域名服务中心",
        IssuedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
        CertificateUrl = new Uri(new Uri(authority), $"certificates/{id}"),
        ImageUrl = new Uri(new Uri(authority), $"badges/{id}.svg"),
    };
}
