using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Security.Cryptography.X509Certificates;
using Badge.Authority.Storage;
using Badge.Sdk.Certificates;

namespace Badge.Authority.Security;

/// <summary>
/// The authority's document-signing key (ECDSA P-256) and its certificate, made on first start and kept in the
/// database so documents signed before a restart still verify.
/// </summary>
public sealed class AuthoritySigner : IDisposable
{
    private const string SettingKey = "signing-key-pkcs8";

    private readonly ECDsa _key;

    /// <summary>Loads or creates the key.</summary>
    /// <param name="store">Where it is kept.</param>
    /// <param name="issuingOffice">The office named in the certificate.</param>
    /// <param name="time">The clock.</param>
    public AuthoritySigner(IAuthorityStore store, string issuingOffice, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.GetSetting(SettingKey) is null)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest(
                new X500DistinguishedName($"CN=Badge authority document signing, O={issuingOffice.Replace(",", " ", StringComparison.Ordinal)}"),
                key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
            var now = time.GetUtcNow();
            using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
            // Written only if absent, so two processes starting on one file at once agree on one key.
            store.PutSettingIfAbsent(SettingKey, Convert.ToBase64String(key.ExportPkcs8PrivateKey()) + "|" + Convert.ToBase64String(certificate.RawData));
        }

        var parts = store.GetSetting(SettingKey)!.Split('|');
        _key = ECDsa.Create();
        _key.ImportPkcs8PrivateKey(Convert.FromBase64String(parts[0]), out _);
        CertificateDer = Convert.FromBase64String(parts[1]);
        KeyId = BadgeCertificateSignature_KeyId(CertificateDer);
    }

    /// <summary>The signing certificate, DER.</summary>
    public byte[] CertificateDer { get; }

    /// <summary>The key id (base64url SHA-256 of the certificate, first 16 bytes).</summary>
    public string KeyId { get; }

    /// <summary>Signs a certificate document.</summary>
    /// <param name="certificate">The facts.</param>
    /// <returns>The compact JWS.</returns>
    public string Sign(BadgeCertificate certificate) => Sign(certificate, _key, KeyId);

    /// <summary>
    /// Signs a certificate document: a compact JWS (RFC 7515), ES256 over the certificate's JSON as the API serves it,
    /// with the <see cref="BadgeCertificateSignature.MediaType"/> type. Only the authority signs; the SDK verifies
    /// (<see cref="BadgeCertificateSignature.Verify"/>).
    /// </summary>
    /// <param name="certificate">The facts.</param>
    /// <param name="signingKey">A P-256 private key.</param>
    /// <param name="keyId">The key id to put in the <c>kid</c> header.</param>
    /// <returns>The compact JWS.</returns>
    public static string Sign(BadgeCertificate certificate, ECDsa signingKey, string keyId)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(signingKey);
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        var header = JsonSerializer.SerializeToUtf8Bytes(new JwsHeader("ES256", BadgeCertificateSignature.MediaType, keyId), WireJson);
        var payload = JsonSerializer.SerializeToUtf8Bytes(certificate, WireJson);
        var signingInput = System.Buffers.Text.Base64Url.EncodeToString(header) + "." + System.Buffers.Text.Base64Url.EncodeToString(payload);
        var signature = signingKey.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + System.Buffers.Text.Base64Url.EncodeToString(signature);
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();

    // The API's JSON (web defaults, nulls left out), so the signed document reads as the served one does.
    private static readonly JsonSerializerOptions WireJson = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private sealed record JwsHeader(string Alg, string Typ, string Kid);

    private static string BadgeCertificateSignature_KeyId(byte[] der) =>
        System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(der).AsSpan(0, 16));
}
