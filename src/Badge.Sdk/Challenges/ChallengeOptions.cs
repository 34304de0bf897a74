using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography.X509Certificates;
using Badge.Sdk.Credentials;

namespace Badge.Sdk.Challenges;

/// <summary>
/// Configures challenge creation and verification on a platform. Checked when the host starts (and when a
/// <see cref="ChallengeIssuer"/> or <see cref="ChallengeVerifier"/> is made): a wrong value is an
/// <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> naming the option and the reason.
/// </summary>
public sealed class ChallengeOptions
{
    /// <summary>How long a challenge can be answered. Default 120 seconds; from 1 second to 1 hour.</summary>
    [TimeSpanRange("00:00:01", "01:00:00", ErrorMessage = "{0} must be from 1 second to 1 hour, such as 00:02:00.")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>The roots credentials must chain to (the authority's CA root). Required to verify.</summary>
    [NotEmpty(ErrorMessage = "{0} must hold the authority's root certificate (its CA root): answers are verified against it.")]
    public X509Certificate2Collection Roots { get; } = [];

    /// <summary>
    /// The signature algorithms: the verifier's allow-list (an answer whose <c>alg</c> is not one of these names is
    /// refused with <see cref="ChallengeReasonCodes.AlgorithmNotAllowed"/>), and the issuer signs requests with the first
    /// that can use the platform's key. Default ES256 only.
    /// </summary>
    [NotEmpty(ErrorMessage = "{0} must name at least one signature algorithm (the default is ES256).")]
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
    [TimeSpanRange("00:00:00.001", "00:05:00", ErrorMessage = "{0} must be positive (at most 5 minutes), such as 00:00:03.")]
    public TimeSpan AuthorityTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a credential's revocation status is cached. Default 60 seconds.</summary>
    [TimeSpanRange("00:00:00", "1.00:00:00", ErrorMessage = "{0} must be zero or more (at most a day).")]
    public TimeSpan RevocationCacheDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a verified certificate chain (per distinct <c>x5c</c>) is reused without building it again. Never
    /// past the earliest expiry in the chain. Default 10 minutes.
    /// </summary>
    [TimeSpanRange("00:00:00", "1.00:00:00", ErrorMessage = "{0} must be zero or more (at most a day).")]
    public TimeSpan ChainCacheDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a confirmed operator grant is reused without asking the authority. A revoked grant takes effect
    /// after at most this long; set <see cref="TimeSpan.Zero"/> to ask every time. Default 30 seconds.
    /// </summary>
    [TimeSpanRange("00:00:00", "1.00:00:00", ErrorMessage = "{0} must be zero or more (at most a day).")]
    public TimeSpan GrantCacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}
