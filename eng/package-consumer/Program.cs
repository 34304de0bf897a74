using System.Reflection;
using System.Text;
using Badge.Sdk;
using Badge.Sdk.AspNetCore;
using Badge.Sdk.Certificates;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Badge.Sdk.Rendering;

// Uses the packages as a user would: identity values, rendering, the client registration and the middleware.
var code = UnifiedSocialCreditCode.Parse("１２３６０９２２ＭＢ０００５６７ＸＣ");
var certificate = new BadgeCertificate
{
    BadgeId = "bdg-consumer",
    Kind = BadgeKind.Website,
    Status = BadgeStatus.Active,
    Version = 1,
    OrganizerName = OrganizerName.Parse("万载县融媒体中心"),
    Uscc = code,
    InstitutionKind = code.Kind,
    OnlineName = OnlineName.Parse("万载融媒"),
    Domain = SiteDomain.Parse("www.万载.政务"),
    IssuingOffice = "中央编办域名服务中心",
    IssuedAt = DateTimeOffset.UnixEpoch,
    UpdatedAt = DateTimeOffset.UnixEpoch,
    CertificateUrl = new Uri("http://127.0.0.1:5280/certificates/bdg-consumer"),
};
var fragment = Encoding.ASCII.GetString(BadgeFooterRenderer.RenderFooter(certificate));

var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Services.AddBadgeAuthorityClient(o => o.BaseAddress = new Uri("http://127.0.0.1:5280/"));
builder.Services.AddBadgeFooter(o => o.BadgeId = "bdg-consumer");
await using var app = builder.Build();
app.UseBadgeFooter();

var version = typeof(UnifiedSocialCreditCode).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
Console.WriteLine($"package consumer OK: Badge.Sdk {version}; {code} is {code.Kind}; {certificate.Domain!.Value.Ascii}; fragment {fragment.Length} ASCII bytes");
return fragment.Contains("data-online-badge=\"bdg-consumer\"", StringComparison.Ordinal) ? 0 : 1;
