using Badge.Sdk.Identity;
using Badge.Sdk.Platforms;

namespace Badge.Sdk.Issuance;

/// <summary>
/// Grants an account operator (公众号/小程序/微博号/快手账号管理员) use of the institution's credential for one
/// platform account. Made by the primary administrator (第一管理责任人) or an administrator (管理人) it appointed.
/// </summary>
public sealed record OperatorGrantRequest
{
    /// <summary>The platform id.</summary>
    public string? Platform { get; init; }

    /// <summary>The account id on the platform.</summary>
    public string? AccountId { get; init; }

    /// <summary>The operator's id (the person who will scan and sign).</summary>
    public string? OperatorId { get; init; }

    /// <summary>
    /// The grant signed by the acting administrator's own credential
    /// (<see cref="Badge.Sdk.Credentials.AdministratorSignature.SignGrant"/>): the authority takes the administrator
    /// from the signature's certificate and checks it is the primary administrator or an appointed one.
    /// </summary>
    public string? Signature { get; init; }
}

/// <summary>A grant of the credential to an account operator.</summary>
public sealed record OperatorGrant
{
    /// <summary>The grant id.</summary>
    public required string Id { get; init; }

    /// <summary>The institution.</summary>
    public required UnifiedSocialCreditCode Uscc { get; init; }

    /// <summary>The platform.</summary>
    public required PlatformId Platform { get; init; }

    /// <summary>The account id.</summary>
    public required string AccountId { get; init; }

    /// <summary>The operator's id.</summary>
    public required string OperatorId { get; init; }

    /// <summary>Who granted it.</summary>
    public required string GrantedBy { get; init; }

    /// <summary>When it was granted.</summary>
    public required DateTimeOffset GrantedAt { get; init; }

    /// <summary>Who revoked it, if it was.</summary>
    public string? RevokedBy { get; init; }

    /// <summary>When it was revoked, if it was.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Whether the grant holds.</summary>
    public bool IsActive => RevokedAt is null;
}

/// <summary>The primary administrator appoints an administrator, who may then grant operators.</summary>
public sealed record AdministratorAppointmentRequest
{
    /// <summary>The administrator being appointed.</summary>
    public string? AdministratorId { get; init; }

    /// <summary>
    /// The appointment signed by the primary administrator's own credential
    /// (<see cref="Badge.Sdk.Credentials.AdministratorSignature.SignAppointment"/>).
    /// </summary>
    public string? Signature { get; init; }
}

/// <summary>An appointment made: the appointed administrator enrols their own credential with the code.</summary>
public sealed record AdministratorAppointment
{
    /// <summary>The administrator appointed.</summary>
    public required string AdministratorId { get; init; }

    /// <summary>Who appointed them (the verified signer).</summary>
    public required string AppointedBy { get; init; }

    /// <summary>
    /// The one-time code with which the appointed administrator obtains their credential
    /// (<c>ICredentialAuthorityClient.IssueAdministratorCredentialAsync</c>); hand it to that person only.
    /// </summary>
    public required string EnrollmentCode { get; init; }
}

/// <summary>One entry of an institution's audit trail: who did what, and when.</summary>
public sealed record AuditEntry
{
    /// <summary>When.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Who: the administrator whose signature the authority verified, or the API principal.</summary>
    public required string Actor { get; init; }

    /// <summary>
    /// What, for example <c>grant.created</c>, <c>grant.revoked</c>, <c>administrator.appointed</c>, or
    /// <c>badge.issued-on-consent</c> (a platform-account badge, the actor being the operator whose answer consented).
    /// </summary>
    public required string Action { get; init; }

    /// <summary>What it was done to, for example <c>weibo/acct-1/op-7</c>.</summary>
    public required string Target { get; init; }
}

/// <summary>Whether an operator grant holds for (institution, platform, account, operator).</summary>
public sealed record OperatorGrantCheck
{
    /// <summary>Whether a grant holds.</summary>
    public required bool Granted { get; init; }

    /// <summary>The grant that holds, if one does.</summary>
    public string? GrantId { get; init; }
}
