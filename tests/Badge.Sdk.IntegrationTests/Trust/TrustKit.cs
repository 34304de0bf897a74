using System.Formats.Asn1;
using System.Net.Http.Json;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Badge.Sdk.Certificates;

namespace Badge.Sdk.IntegrationTests.Trust;

/// <summary>What an attacker uses against the emulator: raw HTTP with a key, forged certificates, re-encoded signatures.</summary>
internal static class TrustKit
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Posts JSON with an API key, as curl would; returns the status and the body (a problem or the result).</summary>
    public static async Task<(int Status, JsonElement Body)> PostAsync(Uri authority, string? apiKey, string path, object body)
    {
        using var http = new HttpClient { BaseAddress = authority };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        using var response = await http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public static string? Code(this JsonElement problem) => problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("code", out var c) ? c.GetString() : null;

    public static string? Field(this JsonElement problem) => problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("field", out var f) ? f.GetString() : null;

    public static string? Reason(this JsonElement problem) => problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("reason", out var r) ? r.GetString() : null;

    /// <summary>
    /// The same ES256 JWS with its signature re-encoded (s → n − s): still a valid signature over the same bytes,
    /// but a different string — what an attacker tries against a replay check keyed on the text.
    /// </summary>
    public static string Malleate(string jws)
    {
        var dot = jws.LastIndexOf('.');
        var signature = BadgeCertificateSignature.Base64UrlDecode(jws[(dot + 1)..]);
        var n = BigInteger.Parse("0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", System.Globalization.NumberStyles.HexNumber);
        var s = new BigInteger(signature.AsSpan(32, 32), isUnsigned: true, isBigEndian: true);
        var flipped = (n - s).ToByteArray(isUnsigned: true, isBigEndian: true);
        var result = new byte[64];
        signature.AsSpan(0, 32).CopyTo(result);
        flipped.CopyTo(result.AsSpan(64 - flipped.Length));
        return jws[..(dot + 1)] + BadgeCertificateSignature.Base64Url(result);
    }

    /// <summary>
    /// A credential an attacker made with their own CA, shaped exactly like the authority's (the USCC as
    /// organizationIdentifier, the role extension), with its private key and its root.
    /// </summary>
    public static (X509Certificate2 Certificate, X509Certificate2Collection Chain) Forge(string role, string uscc, string name)
    {
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = DateTimeOffset.UtcNow;
        var rootRequest = new CertificateRequest("CN=Badge authority emulator root, O=Badge.Sdk emulator, C=CN", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        var root = rootRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));

        var subject = new X500DistinguishedNameBuilder();
        subject.AddCountryOrRegion("CN");
        subject.AddOrganizationName(name);
        subject.Add("2.5.4.97", uscc, UniversalTagNumber.UTF8String);
        subject.AddCommonName(name);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteCharacterString(UniversalTagNumber.UTF8String, role);
        request.CertificateExtensions.Add(new X509Extension("1.3.6.1.4.1.60000.1.1", writer.Encode(), critical: false));
        using var issued = request.Create(root, now.AddHours(-1), now.AddMonths(6), RandomNumberGenerator.GetBytes(16));
        return (issued.CopyWithPrivateKey(key), [root]);
    }
}
