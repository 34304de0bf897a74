namespace Badge.Sdk.Credentials;

/// <summary>The authority's answer about one credential certificate.</summary>
public sealed record CredentialStatus
{
    /// <summary>The serial number asked about.</summary>
    public required string SerialNumber { get; init; }

    /// <summary>Whether it holds.</summary>
    public required CredentialState Status { get; init; }

    /// <summary>When it was revoked, if it was.</summary>
    public DateTimeOffset? RevokedAt { get; init; }
}
