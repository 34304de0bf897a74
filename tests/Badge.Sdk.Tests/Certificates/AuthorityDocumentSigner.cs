using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Badge.Sdk.Certificates;

namespace Badge.Sdk.Tests.Certificates;

// Signs a certificate document as the authority does (the emulator's AuthoritySigner.Sign): the SDK only verifies,
// so its unit tests bring their own signer.
internal static class AuthorityDocumentSigner
{
    private static readonly JsonSerializerOptions WireJson = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static string Sign(BadgeCertificate certificate, ECDsa key, string keyId)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(new { alg = "ES256", typ = BadgeCertificateSignature.MediaType, kid = keyId });
        var payload = JsonSerializer.SerializeToUtf8Bytes(certificate, WireJson);
        var signingInput = System.Buffers.Text.Base64Url.EncodeToString(header) + "." + System.Buffers.Text.Base64Url.EncodeToString(payload);
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + System.Buffers.Text.Base64Url.EncodeToString(signature);
    }
}
