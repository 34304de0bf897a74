using System.Security.Cryptography.X509Certificates;
using Badge.Sdk.Credentials;

namespace Badge.Sdk.Challenges;

/// <summary>What <see cref="ChallengeSigner.Approve"/> and <see cref="ChallengeSigner.Deny"/> need to answer a request.</summary>
public sealed record ChallengeAnswerRequest
{
    /// <summary>The request the app fetched and showed (a compact JWS signed by the platform).</summary>
    public required string RequestJws { get; init; }

    /// <summary>The institution's credential certificate with its private key (opened with the certificate password).</summary>
    public required X509Certificate2 Credential { get; init; }

    /// <summary>The chain above the credential (the issuing certificate; a self-signed root is left out of <c>x5c</c>).</summary>
    public required X509Certificate2Collection Chain { get; init; }

    /// <summary>The authority root(s) the platform's certificate must chain to.</summary>
    public required X509Certificate2Collection Roots { get; init; }

    /// <summary>The operator using the app.</summary>
    public required string OperatorId { get; init; }

    /// <summary>The app's clock.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>The accepted algorithms; the answer is signed with the first that can use the credential's key. <see langword="null"/>: ES256 only.</summary>
    public IReadOnlyList<ISignatureAlgorithm>? Algorithms { get; init; }
}
