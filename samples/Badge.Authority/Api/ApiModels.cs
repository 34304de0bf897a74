using Badge.Authority.Storage;
using Badge.Sdk.Certificates;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;

namespace Badge.Authority.Api;

/// <summary>The stored rows as the API shows them (the wire models of protocol v1).</summary>
internal static class ApiModels
{
    public static IssuedBadge Issued(HttpContext context, BadgeRow row, AuthorityOptions options)
    {
        var certificate = ToCertificate(context, row, options);
        var script = new Uri(BaseUri(context), $"badges/{row.Id}.js");
        return new IssuedBadge
        {
            Id = row.Id,
            Badge = ToRecord(row),
            EmbedCode = Badge.Sdk.Rendering.BadgeFooterRenderer.RenderEmbedCode(row.Id, script, certificate.CertificateUrl!, certificate.ImageUrl!, certificate.OrganizerName.Value),
            CertificateUrl = certificate.CertificateUrl!,
            ImageUrl = certificate.ImageUrl!,
            ScriptUrl = script,
        };
    }

    public static BadgeRecord ToRecord(BadgeRow row) => new()
    {
        Id = row.Id,
        Kind = row.Kind == "website" ? BadgeKind.Website : BadgeKind.PlatformAccount,
        Status = Status(row.Status),
        Version = row.Version,
        Uscc = UnifiedSocialCreditCode.Parse(row.Uscc),
        OrganizerName = OrganizerName.Parse(row.OrganizerName),
        OnlineName = OnlineName.Parse(row.OnlineName),
        Domain = row.Domain is null ? null : SiteDomain.Parse(row.Domain),
        Platform = row.Platform is null ? null : PlatformId.Parse(row.Platform),
        AccountId = row.AccountId,
        IsLegacy = row.Legacy,
        IssuedAt = row.IssuedAt,
        UpdatedAt = row.UpdatedAt,
        SupersededBy = row.SupersededBy,
        Supersedes = row.Supersedes,
        RevocationReason = row.RevocationReason,
    };

    public static BadgeCertificate ToCertificate(HttpContext context, BadgeRow row, AuthorityOptions options)
    {
        var record = ToRecord(row);
        var baseUri = BaseUri(context);
        return new BadgeCertificate
        {
            BadgeId = record.Id,
            Kind = record.Kind,
            Status = record.Status,
            Version = record.Version,
            OrganizerName = record.OrganizerName,
            Uscc = record.Uscc,
            InstitutionKind = record.Uscc.Kind,
            OnlineName = record.OnlineName,
            Domain = record.Domain,
            Platform = record.Platform,
            AccountId = record.AccountId,
            IssuingOffice = options.IssuingOffice,
            IssuedAt = record.IssuedAt,
            UpdatedAt = record.UpdatedAt,
            SupersededBy = record.SupersededBy,
            RevocationReason = record.RevocationReason,
            CertificateUrl = new Uri(baseUri, $"certificates/{Uri.EscapeDataString(record.Id)}"),
            ImageUrl = new Uri(baseUri, $"badges/{Uri.EscapeDataString(record.Id)}.svg"),
        };
    }

    public static OperatorGrant ToGrant(GrantRow g) => new()
    {
        Id = g.Id,
        Uscc = UnifiedSocialCreditCode.Parse(g.Uscc),
        Platform = PlatformId.Parse(g.Platform),
        AccountId = g.AccountId,
        OperatorId = g.OperatorId,
        GrantedBy = g.GrantedBy,
        GrantedAt = g.GrantedAt,
        RevokedBy = g.RevokedBy,
        RevokedAt = g.RevokedAt,
    };

    public static CensusRecord ToCensus(CensusRow r) => new()
    {
        Id = r.Id,
        Uscc = UnifiedSocialCreditCode.Parse(r.Uscc),
        Platform = r.Platform is null ? null : PlatformId.Parse(r.Platform),
        AccountId = r.AccountId,
        Domain = r.Domain is null ? null : SiteDomain.Parse(r.Domain),
        Name = OnlineName.Parse(r.Name),
        Verified = r.Verified,
        SubmittedAt = r.SubmittedAt,
    };

    public static BadgeStatus Status(string status) => status switch
    {
        "active" => BadgeStatus.Active,
        "revoked" => BadgeStatus.Revoked,
        "pending" => BadgeStatus.Pending,
        _ => BadgeStatus.Superseded,
    };

    public static Uri BaseUri(HttpContext context) =>
        new($"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/");
}
