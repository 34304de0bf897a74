using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Badge.Sdk.Json;

namespace Badge.Sdk.Credentials;

// Why a compact JWS was refused, in the order the reader checks; each caller maps it to its own public codes.
internal enum JwsProblem
{
    None,

    // Not three base64url parts, an unreadable header or payload, the wrong `typ`, or too long.
    Malformed,

    // `alg` is not on the caller's allow-list (`none`, HS256 and anything unknown never are).
    AlgorithmNotAllowed,

    // The `kid` is not the expected key's, or the key is not one the algorithm verifies with.
    WrongKey,

    // No `x5c`, an unreadable certificate, or no chain to the roots.
    ChainInvalid,

    // The leaf is outside its validity period at the verifier's time.
    CertificateExpired,

    // The leaf's role is not the one the caller accepts.
    RoleNotAllowed,

    // The signature does not verify.
    BadSignature,
}

// The signer of a JWS verified by its x5c chain: what the leaf certificate says, read before it was disposed.
internal sealed record JwsSigner(string? Role, string? OrganizationIdentifier, string? OrganizationName, string SerialNumber);

// A compact JWS split at its two dots; decoding happens on demand so a caller can cache a header by its text.
internal readonly struct CompactJws
{
    private readonly string _text;
    private readonly int _first;
    private readonly int _second;

    private CompactJws(string text, int first, int second)
    {
        _text = text;
        _first = first;
        _second = second;
    }

    public ReadOnlySpan<char> HeaderSegment => _text.AsSpan(0, _first);

    public int HeaderLength => _first;

    public static bool TryParse(string? text, int maxLength, out CompactJws jws)
    {
        jws = default;
        if (string.IsNullOrEmpty(text) || text.Length > maxLength)
        {
            return false;
        }

        var first = text.IndexOf('.', StringComparison.Ordinal);
        var second = first <= 0 ? -1 : text.IndexOf('.', first + 1);
        if (second < 0 || text.IndexOf('.', second + 1) >= 0)
        {
            return false;
        }

        jws = new CompactJws(text, first, second);
        return true;
    }

    public static JwsHeader? ReadHeader(ReadOnlySpan<char> segment)
    {
        try
        {
            return JsonSerializer.Deserialize(Base64Url.DecodeFromChars(segment), BadgeJsonContext.Default.JwsHeader);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }

    public JwsHeader? ReadHeader() => ReadHeader(HeaderSegment);

    public T? ReadPayload<T>(JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(Base64Url.DecodeFromChars(_text.AsSpan(_first + 1, _second - _first - 1)), type);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }

    // Every character before the second dot decoded as base64url before this is used, so it is ASCII.
    public byte[] SigningInput() => Encoding.ASCII.GetBytes(_text, 0, _second);

    // An undecodable signature is a bad signature, judged after the header (so `alg` is checked first).
    public byte[] Signature()
    {
        try
        {
            return Base64Url.DecodeFromChars(_text.AsSpan(_second + 1));
        }
        catch (FormatException)
        {
            return [];
        }
    }
}

// The one reader of compact JWS (RFC 7515) in the SDK: challenge requests and answers, administrator requests and
// the authority's certificate documents all go through it, so the allow-listed `alg` (never `none`), the `typ`, the
// `kid` or x5c chain and the signature are checked the same way and in the same order everywhere.
internal static class JwsReader
{
    // The longest JWS read: a request, an answer or a certificate document is a few KiB; this bounds a hostile one.
    public const int MaxLength = 64 * 1024;

    // Form, type, payload and algorithm: the checks that need no key.
    public static JwsProblem Read<T>(
        string? text, int maxLength, string type, JsonTypeInfo<T> payloadType, IReadOnlyList<ISignatureAlgorithm> algorithms,
        out CompactJws jws, out JwsHeader header, out T payload, out ISignatureAlgorithm algorithm)
        where T : class
    {
        header = Empty;
        payload = null!;
        algorithm = null!;
        if (!CompactJws.TryParse(text, maxLength, out jws) || jws.ReadHeader() is not { } read || read.Typ != type || jws.ReadPayload(payloadType) is not { } body)
        {
            return JwsProblem.Malformed;
        }

        header = read;
        payload = body;
        if (FindAlgorithm(algorithms, read.Alg) is not { } found)
        {
            return JwsProblem.AlgorithmNotAllowed;
        }

        algorithm = found;
        return JwsProblem.None;
    }

    // A JWS signed by a certificate chained to `roots` in x5c: form, algorithm, chain at `now`, the leaf's role
    // (as `roleAllowed` judges it, with the payload), then the signature.
    public static JwsProblem ReadSignedByChain<T>(
        string? text, int maxLength, string type, JsonTypeInfo<T> payloadType, IReadOnlyList<ISignatureAlgorithm> algorithms,
        X509Certificate2Collection roots, DateTimeOffset now, Func<string?, T, bool> roleAllowed, out JwsHeader header, out T payload, out JwsSigner signer)
        where T : class
    {
        signer = null!;
        var problem = Read(text, maxLength, type, payloadType, algorithms, out var jws, out header, out payload, out var algorithm);
        if (problem != JwsProblem.None)
        {
            return problem;
        }

        if (Certificates(header.X5c) is not { } certificates)
        {
            return JwsProblem.ChainInvalid;
        }

        try
        {
            problem = CheckChain(certificates, roots, now, out _, out _);
            if (problem != JwsProblem.None)
            {
                return problem;
            }

            var leaf = certificates[0];
            var role = CertificateSubject.Role(leaf);
            if (!roleAllowed(role, payload))
            {
                return JwsProblem.RoleNotAllowed;
            }

            if (algorithm.CreateVerifier(leaf)?.Verify(jws.SigningInput(), jws.Signature()) != true)
            {
                return JwsProblem.BadSignature;
            }

            signer = new JwsSigner(role, CertificateSubject.OrganizationIdentifier(leaf), CertificateSubject.OrganizationName(leaf), leaf.SerialNumber);
            return JwsProblem.None;
        }
        finally
        {
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }
        }
    }

    // A JWS signed by one known key (the authority's signing certificate): form, algorithm, `kid` when one is
    // expected, the signature, and only then the payload.
    public static JwsProblem ReadSignedByKey<T>(
        string? text, int maxLength, string type, JsonTypeInfo<T> payloadType, IReadOnlyList<ISignatureAlgorithm> algorithms,
        X509Certificate2 key, string? keyId, out T payload)
        where T : class
    {
        payload = null!;
        if (!CompactJws.TryParse(text, maxLength, out var jws) || jws.ReadHeader() is not { } header || header.Typ != type)
        {
            return JwsProblem.Malformed;
        }

        if (FindAlgorithm(algorithms, header.Alg) is not { } algorithm)
        {
            return JwsProblem.AlgorithmNotAllowed;
        }

        if (keyId is not null && !string.Equals(header.Kid, keyId, StringComparison.Ordinal))
        {
            return JwsProblem.WrongKey;
        }

        if (algorithm.CreateVerifier(key) is not { } verifier)
        {
            return JwsProblem.WrongKey;
        }

        if (!verifier.Verify(jws.SigningInput(), jws.Signature()))
        {
            return JwsProblem.BadSignature;
        }

        if (jws.ReadPayload(payloadType) is not { } body)
        {
            return JwsProblem.Malformed;
        }

        payload = body;
        return JwsProblem.None;
    }

    // Exact, case-sensitive match on the allow-list: `none`, `None` and any name not listed find nothing.
    public static ISignatureAlgorithm? FindAlgorithm(IReadOnlyList<ISignatureAlgorithm> algorithms, string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        foreach (var algorithm in algorithms)
        {
            if (string.Equals(algorithm.Name, name, StringComparison.Ordinal))
            {
                return algorithm;
            }
        }

        return null;
    }

    // The x5c certificates, leaf first; null when there are none or one does not load.
    public static X509Certificate2Collection? Certificates(IReadOnlyList<string>? x5c)
    {
        if (x5c is not { Count: > 0 })
        {
            return null;
        }

        var collection = new X509Certificate2Collection();
        try
        {
            foreach (var der in x5c)
            {
                collection.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(der ?? string.Empty)));
            }

            return collection;
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            foreach (var certificate in collection)
            {
                certificate.Dispose();
            }

            return null;
        }
    }

    // Builds the chain to one of the roots at the given time, with the window in which every certificate of the
    // built chain (root included) is valid; reports an expired leaf on its own. Never downloads a missing issuer
    // from a URL in the certificate: a verifier must not make requests an attacker names.
    public static JwsProblem CheckChain(
        X509Certificate2Collection certificates, X509Certificate2Collection roots, DateTimeOffset now, out DateTimeOffset validFrom, out DateTimeOffset validUntil)
    {
        validFrom = DateTimeOffset.MinValue;
        validUntil = DateTimeOffset.MinValue;
        var leaf = certificates[0];
        if (now < leaf.NotBefore.ToUniversalTime() || now > leaf.NotAfter.ToUniversalTime())
        {
            return JwsProblem.CertificateExpired;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        for (var i = 1; i < certificates.Count; i++)
        {
            chain.ChainPolicy.ExtraStore.Add(certificates[i]);
        }

        if (!chain.Build(leaf))
        {
            return JwsProblem.ChainInvalid;
        }

        validFrom = chain.ChainElements.Max(e => e.Certificate.NotBefore.ToUniversalTime());
        validUntil = chain.ChainElements.Min(e => e.Certificate.NotAfter.ToUniversalTime());
        return JwsProblem.None;
    }

    private static readonly JwsHeader Empty = new();
}
