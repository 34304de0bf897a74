namespace Badge.Sdk.Credentials;

/// <summary>
/// Why an administrator's signed request is refused: the <see cref="AdministratorRequestResult.Reason"/> of
/// <see cref="AdministratorSignature.Read"/>, and the codes an authority reports for the checks that are its own
/// (revocation, freshness, replay). The values are stable and travel on the wire (the authority's problem details
/// carry them as <c>reason</c>).
/// </summary>
public static class AdministratorRequestCodes
{
    /// <summary>Not a compact JWS of the administrator-request type, or its header or payload cannot be read.</summary>
    public const string Malformed = "malformed";

    /// <summary>The algorithm is not on the allow-list (for example <c>none</c> or HS256).</summary>
    public const string AlgorithmNotAllowed = "algorithm_not_allowed";

    /// <summary>The chain does not lead to a configured root, or the signer's certificate is not an administrator credential.</summary>
    public const string ChainInvalid = "chain_invalid";

    /// <summary>The signer's certificate is outside its validity period.</summary>
    public const string CertificateExpired = "certificate_expired";

    /// <summary>The signature does not verify with the signer's certificate.</summary>
    public const string BadSignature = "bad_signature";

    /// <summary>The signer's credential was revoked (the authority's check).</summary>
    public const string Revoked = "revoked";

    /// <summary>The request was signed too long ago, or too far ahead of the authority's clock (the authority's check).</summary>
    public const string Expired = "expired";

    /// <summary>The request was presented before (the authority's check).</summary>
    public const string Replayed = "replayed";
}
