using System.Security.Cryptography.X509Certificates;
using Badge.Sdk.Identity;
using Badge.Sdk.Platforms;

namespace Badge.Sdk.Challenges;

/// <summary>What <see cref="ChallengeIssuer.CreateAsync"/> needs: who asks to certify which account for which institution.</summary>
public sealed record CreateChallengeRequest
{
    /// <summary>The platform.</summary>
    public required PlatformId Platform { get; init; }

    /// <summary>The account to certify: at most <see cref="ChallengeIssuer.MaxAccountIdLength"/> characters, no control characters.</summary>
    public required string AccountId { get; init; }

    /// <summary>The code the operator typed.</summary>
    public required UnifiedSocialCreditCode Uscc { get; init; }

    /// <summary>The name the operator typed.</summary>
    public required OrganizerName InstitutionName { get; init; }

    /// <summary>The platform's certificate with its private key; it signs the request the credential app fetches.</summary>
    public required X509Certificate2 PlatformCertificate { get; init; }

    /// <summary>The chain above it (the issuing certificate; the root is left out of <c>x5c</c>).</summary>
    public required X509Certificate2Collection PlatformChain { get; init; }
}
