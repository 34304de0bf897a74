using System.Security.Cryptography.X509Certificates;
using Badge.Sdk.Platforms;
using Badge.Sdk.Identity;

namespace Badge.Sdk.AspNetCore.Challenges;

/// <summary>Configures the challenge endpoints a platform host maps with <c>MapBadgeChallenges</c>.</summary>
public sealed class BadgeChallengeEndpointOptions
{
    /// <summary>The platform these challenges are for. Required.</summary>
    public PlatformId Platform { get; set; }

    /// <summary>The platform's certificate, with its private key, issued by the authority's CA. Required.</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>The chain above the platform's certificate (the issuing certificate).</summary>
    public X509Certificate2Collection Chain { get; } = [];

    /// <summary>The public base address the QR's URL starts with, for example <c>https://platform.example/</c>. Required.</summary>
    public Uri? PublicBaseAddress { get; set; }

    /// <summary>Requests per minute per client address on create, answer and status. Default 60.</summary>
    public int PermitsPerMinute { get; set; } = 60;
}
