using System.Net;
using System.Text;
using System.Text.Json;
using Badge.Sdk;
using Badge.Sdk.AspNetCore;
using System.Security.Cryptography.X509Certificates;
using Badge.Sdk.Certificates;
using Badge.Sdk.Challenges;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Badge.Sdk.Platforms;
using Badge.Sdk.TestData;
using Badge.Sdk.Rendering;

// A native-AOT app using the SDK: identity values, the authority client against a local stub, rendering, and
// the footer middleware serving a page. Prints one line and exits 0 when everything worked.
var code = UnifiedSocialCreditCode.Parse("１１３６０９２２ｍｂ０００１２３０ｘ");
var domain = SiteDomain.Parse("https://www.万载.政务/");

var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Logging.ClearProviders();
var app = builder.Build();
var address = "";
var certificateJson = "";
app.MapGet("/api/v1/badges/{id}", (string id) => Results.Text(
    $$"""{"id":"{{id}}","kind":"website","status":"active","version":2,"uscc":"{{code}}","organizerName":"万载县人民政府办公室","onlineName":"万载县人民政府网","domain":"localhost","issuedAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z"}""",
    "application/json"));
app.MapGet("/api/v1/badges/{id}/certificate", () => Results.Text(certificateJson, "application/json"));
app.MapGet("/api/v1/credentials/{serial}/status", (string serial) => Results.Text($$"""{"serialNumber":"{{serial}}","status":"good"}""", "application/json"));
app.MapGet("/api/v1/institutions/{uscc}/operator-grants/check", () => Results.Text("""{"granted":true,"grantId":"g-aot"}""", "application/json"));
app.MapGet("/badges/{file}", () => Results.Text("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "image/svg+xml"));
await app.StartAsync();
address = app.Urls.First();
certificateJson = $$"""{"badgeId":"bdg-aot","kind":"website","status":"active","version":2,"organizerName":"万载县人民政府办公室","uscc":"{{code}}","institutionKind":"GovernmentOrgan","onlineName":"万载县人民政府网","domain":"localhost","issuingOffice":"中央编办","issuedAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z","certificateUrl":"{{address}}/certificates/bdg-aot"}""";

var site = WebApplication.CreateSlimBuilder(args);
site.WebHost.UseUrls("http://127.0.0.1:0");
site.Logging.ClearProviders();
site.Services.AddBadgeAuthorityClient(o =>
{
    o.BaseAddress = new Uri(address + "/");
    o.ApiKey = "aot-platform";
});
site.Services.AddBadgePlatforms();
site.Services.AddBadgeFooter(o => o.BadgeId = "bdg-aot");
var siteApp = site.Build();
siteApp.UseBadgeFooter();
siteApp.MapGet("/", () => Results.Content("<!doctype html><html><body><p>政务</p></body></html>", "text/html; charset=utf-8"));
await siteApp.StartAsync();

using var http = new HttpClient { BaseAddress = new Uri(siteApp.Urls.First()) };
string page = "";
for (var i = 0; i < 100 && !page.Contains("data-online-badge", StringComparison.Ordinal); i++)
{
    page = await http.GetStringAsync("/");
    await Task.Delay(50);
}

var certificate = await siteApp.Services.GetRequiredService<IBadgeAuthorityClient>().GetCertificateAsync("bdg-aot");
var fragment = Encoding.ASCII.GetString(BadgeFooterRenderer.RenderFooter(certificate));
var json = JsonSerializer.Serialize(code, AotJson.Default.UnifiedSocialCreditCode);

// The QR challenge: an offline CA, a platform's signed request, the credential's answer, the verifier.
using var root = TestCertificateAuthority.CreateRoot();
using var institution = TestCertificateAuthority.Issue(root, "institution", code.ToString(), "万载县人民政府办公室");
using var platformCertificate = TestCertificateAuthority.Issue(root, "platform:weibo", "91110000MA0000000X", "微博");
var options = new ChallengeOptions();
options.Roots.Add(X509CertificateLoader.LoadCertificate(root.RawData));
var store = new InMemoryChallengeStore();
var challenge = await new ChallengeIssuer(store, options, TimeProvider.System)
    .CreateAsync(new CreateChallengeRequest { Platform = PlatformId.Weibo, AccountId = "wb-aot", Uscc = code, InstitutionName = OrganizerName.Parse("万载县人民政府办公室"), PlatformCertificate = platformCertificate, PlatformChain = [] });
var answer = ChallengeSigner.Approve(new ChallengeAnswerRequest { RequestJws = challenge.RequestJws, Credential = institution, Chain = [], Roots = options.Roots, OperatorId = "op-1", Now = DateTimeOffset.UtcNow });
var verified = await new ChallengeVerifier(store, siteApp.Services.GetRequiredService<IOperatorGrantClient>(), siteApp.Services.GetRequiredService<ICredentialAuthorityClient>(), options, TimeProvider.System).VerifyAsync(answer);
var steps = siteApp.Services.GetRequiredService<CertificationRunner>().Adapter(PlatformId.WeChatOfficialAccount).GetFlow(AccountVariant.Verified).Steps.Count;

var ok = page.Contains("data-online-badge=\"bdg-aot\"", StringComparison.Ordinal) && fragment.Length > 0 && json == $"\"{code}\""
    && verified.IsValid && steps == 7;
Console.WriteLine(ok
    ? $"aot ok: {code} {code.Kind} {domain.Ascii} {certificate.OrganizerName} footer injected, challenge {verified.Challenge!.State}, wechat-oa verified {steps} steps"
    : $"aot FAILED: footer {page.Contains("data-online-badge", StringComparison.Ordinal)}, challenge {verified.Reason ?? "valid"}, steps {steps}");
await siteApp.StopAsync();
await app.StopAsync();
return ok ? 0 : 1;

[System.Text.Json.Serialization.JsonSerializable(typeof(UnifiedSocialCreditCode))]
internal sealed partial class AotJson : System.Text.Json.Serialization.JsonSerializerContext;
