using Badge.Authority.Security;
using Badge.Sdk.Certificates;
using Microsoft.Extensions.Options;

namespace Badge.Authority.Api;

/// <summary>The authority's metadata: who it is, and the keys that sign its certificates.</summary>
internal static class MetadataEndpoints
{
    public static IEndpointRouteBuilder MapMetadataEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/.well-known/badge-authority", Metadata).WithName("AuthorityMetadata").WithTags("Metadata");
        return app;
    }

    private static Microsoft.AspNetCore.Http.HttpResults.Ok<AuthorityMetadata> Metadata(AuthoritySigner signer, CertificateAuthority ca, IOptions<AuthorityOptions> options) =>
        TypedResults.Ok(new AuthorityMetadata
        {
            Issuer = options.Value.IssuingOffice,
            SigningCertificate = Convert.ToBase64String(signer.CertificateDer),
            RootCertificate = Convert.ToBase64String(ca.Root.RawData),
            KeyId = signer.KeyId,
        });
}
