using Badge.Sdk.Platforms;

namespace Badge.Sdk.Challenges;

/// <summary>The reason codes of <see cref="ChallengeVerificationResult"/>.</summary>
public static class ChallengeReasonCodes
{
    /// <summary>Not a compact JWS, or its header or payload cannot be read.</summary>
    public const string Malformed = "malformed";

    /// <summary>The algorithm is not on the allow-list (for example <c>none</c> or HS256).</summary>
    public const string AlgorithmNotAllowed = "algorithm_not_allowed";

    /// <summary>The certificate chain does not lead to a configured root.</summary>
    public const string ChainInvalid = "chain_invalid";

    /// <summary>The signer's certificate is outside its validity period.</summary>
    public const string CertificateExpired = "certificate_expired";

    /// <summary>The signer's certificate was revoked.</summary>
    public const string Revoked = "revoked";

    /// <summary>The signature does not verify with the signer's certificate.</summary>
    public const string BadSignature = "bad_signature";

    /// <summary>No such challenge.</summary>
    public const string UnknownChallenge = "unknown_challenge";

    /// <summary>The challenge has expired.</summary>
    public const string Expired = "expired";

    /// <summary>The challenge was already consumed (or otherwise finished).</summary>
    public const string Replayed = "replayed";

    /// <summary>The answer is bound to another platform, account, nonce or request.</summary>
    public const string BindingMismatch = "binding_mismatch";

    /// <summary>The code typed is not the signer's (单位名称或统一社会信用代码不一致).</summary>
    public const string UsccMismatch = "uscc_mismatch";

    /// <summary>The name typed is not the signer's (单位名称或统一社会信用代码不一致).</summary>
    public const string NameMismatch = "name_mismatch";

    /// <summary>The operator holds no grant of the credential for this account.</summary>
    public const string NotGranted = "not_granted";

    /// <summary>The operator declined.</summary>
    public const string Denied = "denied";
}
