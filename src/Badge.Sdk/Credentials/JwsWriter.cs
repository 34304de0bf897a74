using System.Buffers.Text;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Badge.Sdk.Json;

namespace Badge.Sdk.Credentials;

// The one writer of compact JWS (RFC 7515) signed by a credential, with the signer's chain in x5c (self-signed roots
// left out): challenge requests and answers and administrators' requests.
internal static class JwsWriter
{
    public static string Sign<T>(T payload, JsonTypeInfo<T> type, string typ, X509Certificate2 signer, X509Certificate2Collection chain, ISignatureAlgorithm algorithm)
    {
        var x5c = new List<string> { Convert.ToBase64String(signer.RawData) };
        x5c.AddRange(chain.Where(c => c.SubjectName.RawData.AsSpan().SequenceEqual(c.IssuerName.RawData) is false).Select(c => Convert.ToBase64String(c.RawData)));
        var header = JsonSerializer.SerializeToUtf8Bytes(new JwsHeader { Alg = algorithm.Name, Typ = typ, X5c = x5c }, BadgeJsonContext.Default.JwsHeader);
        var body = JsonSerializer.SerializeToUtf8Bytes(payload, type);
        var input = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(body);
        var signature = algorithm.Sign(signer, Encoding.ASCII.GetBytes(input));
        return input + "." + Base64Url.EncodeToString(signature);
    }

    // The algorithm that signs with this certificate, first in the list that can.
    public static ISignatureAlgorithm SigningAlgorithm(IEnumerable<ISignatureAlgorithm> algorithms, X509Certificate2 certificate) =>
        algorithms.FirstOrDefault(a => a.CanSign(certificate))
        ?? throw new ArgumentException("No configured signature algorithm can sign with this certificate's key (ES256 needs a P-256 ECDSA private key).", nameof(certificate));
}
