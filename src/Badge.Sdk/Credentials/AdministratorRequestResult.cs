using System.Diagnostics.CodeAnalysis;

namespace Badge.Sdk.Credentials;

/// <summary>
/// The outcome of reading a signed administrator request. Only <see cref="AdministratorSignature.Read"/> makes one, so a
/// valid result always comes from a verified signature.
/// </summary>
public sealed class AdministratorRequestResult
{
    internal AdministratorRequestResult(AdministratorRequest request) => Request = request;

    internal AdministratorRequestResult(string reason) => Reason = reason;

    /// <summary>Whether the form, algorithm, chain, role and signature hold.</summary>
    [MemberNotNullWhen(true, nameof(Request))]
    [MemberNotNullWhen(false, nameof(Reason))]
    public bool IsValid => Request is not null;

    /// <summary>The reason code (<see cref="AdministratorRequestCodes"/>) when not valid; otherwise <see langword="null"/>.</summary>
    public string? Reason { get; }

    /// <summary>The request when valid; otherwise <see langword="null"/>.</summary>
    public AdministratorRequest? Request { get; }
}
