using System.Security.Cryptography.X509Certificates;
using Badge.Sdk.Credentials;

namespace Badge.Sdk.Challenges;

/// <summary>Configures challenge creation and verification on a platform.</summary>
public sealed class ChallengeOptions
{
    /// <summary>How long a challenge can be answered. Default 120 seconds.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>The roots credentials must chain to (the authority's CA root). Required to verify.</summary>
    public X509Certificate2Collection Roots { get; } = [];

    /// <summary>
    /// The signature algorithms: the verifier's allow-list (an answer whose <c>alg</c> is not one of these names is
    /// refused with <see cref="ChallengeReasonCodes.AlgorithmNotAllowed"/>), and the issuer signs requests with the first
    /// that can use the platform's key. Default ES256 only.
    /// </summary>
    public IList<ISignatureAlgorithm> Algorithms { get; } = [Es256SignatureAlgorithm.Instance];

    internal ISignatureAlgorithm? Algorithm(string? name)
    {
        foreach (var algorithm in Algorithms)
        {
            if (algorithm.Name == name)
            {
                return algorithm;
            }
        }

        return null;
    }

    /// <summary>
    /// How long the verifier waits for the authority on each revocation or grant check, retries included, before it
    /// gives up with a <see cref="Issuance.BadgeAuthorityException"/> (the challenge endpoints answer 503). Default 3 seconds.
    /// </summary>
    public TimeSpan AuthorityTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a credential's revocation status is cached. Default 60 seconds.</summary>
    public TimeSpan RevocationCacheDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a verified certificate chain (per distinct <c>x5c</c>) is reused without building it again. Never
    /// past the earliest expiry in the chain. Default 10 minutes.
    /// </summary>
    public TimeSpan ChainCacheDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a confirmed operator grant is reused without asking the authority. A revoked grant takes effect
    /// after at most this long; set <see cref="TimeSpan.Zero"/> to ask every time. Default 30 seconds.
    /// </summary>
    public TimeSpan GrantCacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}
