namespace Badge.Sdk.Certificates;

/// <summary>The reason codes of <see cref="BadgeCertificateVerificationResult"/>; stable across versions.</summary>
public static class BadgeCertificateSignatureCodes
{
    /// <summary>Not a compact JWS of type <see cref="BadgeCertificateSignature.MediaType"/>, or its header or payload cannot be read.</summary>
    public const string Malformed = "malformed";

    /// <summary>The algorithm is not ES256 (for example <c>none</c> or HS256).</summary>
    public const string AlgorithmNotAllowed = "algorithm_not_allowed";

    /// <summary>The <c>kid</c> is not the authority's key id, or the authority certificate holds no P-256 key.</summary>
    public const string WrongKey = "wrong_key";

    /// <summary>The signature does not verify with the authority's certificate.</summary>
    public const string BadSignature = "bad_signature";
}
