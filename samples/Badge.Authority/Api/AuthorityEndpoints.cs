namespace Badge.Authority.Api;

/// <summary>
/// The protocol v1 endpoints and the public pages, one route group a file: badges, legacy badges, domain control,
/// administrators and grants, the census, credentials; the metadata, the certificate pages and the legacy host.
/// </summary>
internal static class AuthorityEndpoints
{
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapBadgeEndpoints();
        api.MapLegacyImport();
        api.MapGrantEndpoints();
        api.MapCensusEndpoints();
        api.MapCredentialEndpoints();
        api.MapDomainEndpoints();
        app.MapMetadataEndpoints();
        app.MapCertificatePages();
        app.MapLegacyHost();
    }
}
