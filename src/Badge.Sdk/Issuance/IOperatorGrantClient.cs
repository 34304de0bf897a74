using Badge.Sdk.Identity;
using Badge.Sdk.Platforms;

namespace Badge.Sdk.Issuance;

/// <summary>
/// The authority's grants and audit API (protocol v1): administrators appointed by the primary administrator,
/// operator grants of the institution's credential for one platform account, and the institution's audit trail.
/// Registered by <c>AddBadgeAuthorityClient</c> on the same
/// connection and options as <see cref="IBadgeAuthorityClient"/>. Every failure of the service throws
/// <see cref="BadgeAuthorityException"/>.
/// </summary>
public interface IOperatorGrantClient
{
    /// <summary>
    /// The primary administrator appoints an administrator (<c>POST /api/v1/institutions/{uscc}/administrators</c>):
    /// the request carries the appointment signed with the primary administrator's own credential.
    /// </summary>
    /// <param name="uscc">The institution (the caller's).</param>
    /// <param name="request">Whom, and the signature.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The appointment, with the appointed administrator's one-time enrolment code.</returns>
    Task<AdministratorAppointment> AppointAdministratorAsync(UnifiedSocialCreditCode uscc, AdministratorAppointmentRequest request, CancellationToken cancellationToken = default);

    /// <summary>Grants an account operator use of the credential for one platform account.</summary>
    /// <param name="uscc">The institution (the caller's).</param>
    /// <param name="request">The grant.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The grant.</returns>
    Task<OperatorGrant> GrantOperatorAsync(UnifiedSocialCreditCode uscc, OperatorGrantRequest request, CancellationToken cancellationToken = default);

    /// <summary>Revokes an operator grant, signed by an administrator (<see cref="Badge.Sdk.Credentials.AdministratorSignature.SignGrantRevocation"/>).</summary>
    /// <param name="uscc">The institution (the caller's).</param>
    /// <param name="grantId">The grant.</param>
    /// <param name="signature">The revocation signed with the acting administrator's own credential.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The revoked grant.</returns>
    Task<OperatorGrant> RevokeOperatorGrantAsync(UnifiedSocialCreditCode uscc, string grantId, string signature, CancellationToken cancellationToken = default);

    /// <summary>Whether a grant holds for (institution, platform, account, operator). Institution or platform key.</summary>
    /// <param name="uscc">The institution.</param>
    /// <param name="platform">The platform.</param>
    /// <param name="accountId">The account id.</param>
    /// <param name="operatorId">The operator id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer.</returns>
    Task<OperatorGrantCheck> CheckOperatorGrantAsync(UnifiedSocialCreditCode uscc, PlatformId platform, string accountId, string operatorId, CancellationToken cancellationToken = default);

    /// <summary>Reads the institution's audit trail of appointments, grants and revocations, oldest first.</summary>
    /// <param name="uscc">The institution (the caller's).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries.</returns>
    Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(UnifiedSocialCreditCode uscc, CancellationToken cancellationToken = default);
}
