using Badge.Sdk.Identity;

namespace Badge.Sdk.Credentials;

/// <summary>An administrator's request, as signed, once its signature and chain verified.</summary>
public sealed record AdministratorRequest
{
    /// <summary>What it does (<see cref="AdministratorActions"/>).</summary>
    public required string Action { get; init; }

    /// <summary>The institution it acts for.</summary>
    public required UnifiedSocialCreditCode Uscc { get; init; }

    /// <summary>For a grant: the platform.</summary>
    public PlatformId? Platform { get; init; }

    /// <summary>For a grant: the account.</summary>
    public string? AccountId { get; init; }

    /// <summary>For a grant: the operator.</summary>
    public string? OperatorId { get; init; }

    /// <summary>For a revocation: the grant.</summary>
    public string? GrantId { get; init; }

    /// <summary>For an appointment: the administrator appointed.</summary>
    public string? AdministratorId { get; init; }

    /// <summary>A random value making every request unique (the authority refuses one seen before).</summary>
    public required string Nonce { get; init; }

    /// <summary>When it was signed.</summary>
    public required DateTimeOffset SignedAt { get; init; }

    /// <summary>The administrator who signed, from the credential certificate (not from the request).</summary>
    public required string Signer { get; init; }

    /// <summary>The signer's institution, from the credential certificate.</summary>
    public required UnifiedSocialCreditCode SignerUscc { get; init; }

    /// <summary>The credential certificate's serial number (upper-case hexadecimal).</summary>
    public required string SignerSerialNumber { get; init; }
}
