namespace Badge.Sdk.Certificates;

/// <summary>A certificate document signed by the authority, verified.</summary>
public sealed record SignedBadgeCertificate
{
    /// <summary>The compact JWS as the authority served it (ES256).</summary>
    public required string Jws { get; init; }

    /// <summary>The facts, read from the verified payload.</summary>
    public required BadgeCertificate Certificate { get; init; }
}
