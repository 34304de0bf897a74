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
