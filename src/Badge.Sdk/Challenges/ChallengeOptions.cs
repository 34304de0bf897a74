using System.Security.Cryptography.X509Certificates;

namespace Badge.Sdk.Challenges;

/// <summary>Configures challenge creation and verification on a platform.</summary>
public sealed class ChallengeOptions
{
    /// <summary>How long a challenge can be answered. Default 120 seconds.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>The roots credentials must chain to (the authority's CA root). Required to verify.</summary>
    public X509Certificate2Collection Roots { get; } = [];

    /// <summary>Accepted JWS algorithms. Default ES256 only.</summary>
    public ISet<string> AllowedAlgorithms { get; } = new HashSet<string>(StringComparer.Ordinal) { "ES256" };

    /// <summary>How long a credential's revocation status is cached. Default 60 seconds.</summary>
    public TimeSpan RevocationCacheDuration { get; set; } = TimeSpan.FromSeconds(60);
}
