using Badge.Sdk.Credentials;

namespace Badge.Sdk.Issuance;

/// <summary>
/// The authority's certificate authority API (protocol v1): credential certificates for institutions, their
/// administrators and platforms, their revocation and status. Registered by
/// <c>AddBadgeAuthorityClient</c> on the same connection and options
/// as <see cref="IBadgeAuthorityClient"/>. Every failure of the service throws <see cref="BadgeAuthorityException"/>.
/// </summary>
public interface ICredentialAuthorityClient
{
    /// <summary>Issues an institution credential certificate for a key (<c>POST /api/v1/credentials</c>; institution key).</summary>
    /// <param name="signingRequest">The DER-encoded PKCS#10 request, for example from <c>CredentialFile.CreateKey</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The certificate and its chain.</returns>
    Task<IssuedCredential> IssueCredentialAsync(byte[] signingRequest, CancellationToken cancellationToken = default);

    /// <summary>
    /// Issues an administrator's own credential certificate for a key (<c>POST /api/v1/credentials</c> with the
    /// administrator's id and one-time enrolment code; institution key). Its role is <c>administrator:&lt;id&gt;</c>.
    /// </summary>
    /// <param name="signingRequest">The DER-encoded PKCS#10 request.</param>
    /// <param name="administratorId">The administrator.</param>
    /// <param name="enrollmentCode">The one-time code the authority gave that administrator.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The certificate and its chain.</returns>
    Task<IssuedCredential> IssueAdministratorCredentialAsync(byte[] signingRequest, string administratorId, string enrollmentCode, CancellationToken cancellationToken = default);

    /// <summary>Issues a platform certificate for a key (<c>POST /api/v1/platform-credentials</c>; platform key).</summary>
    /// <param name="signingRequest">The DER-encoded PKCS#10 request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The certificate and its chain.</returns>
    Task<IssuedCredential> IssuePlatformCredentialAsync(byte[] signingRequest, CancellationToken cancellationToken = default);

    /// <summary>Revokes a credential certificate (its owner, or the authority).</summary>
    /// <param name="serialNumber">The serial number, hexadecimal.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The status after revocation.</returns>
    Task<CredentialStatus> RevokeCredentialAsync(string serialNumber, CancellationToken cancellationToken = default);

    /// <summary>Whether a credential certificate holds (<c>GET /api/v1/credentials/{serial}/status</c>; no key).</summary>
    /// <param name="serialNumber">The serial number, hexadecimal.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The status.</returns>
    Task<CredentialStatus> GetCredentialStatusAsync(string serialNumber, CancellationToken cancellationToken = default);
}
