using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Badge.Sdk.Identity;

namespace Badge.Sdk.Credentials;

/// <summary>
/// Administrators sign what they do: grants, revocations of grants and appointments are compact JWS (ES256, x5c)
/// signed with the acting administrator's own credential (an administrator certificate from the authority's CA, its
/// role <c>administrator:&lt;id&gt;</c>). The authority reads the signer from the certificate, never from the body.
/// </summary>
public static class AdministratorSignature
{
    /// <summary>The JWS <c>typ</c> of a signed administrator request.</summary>
    public const string Type = "badge-administrator-request+jws";

    /// <summary>The role prefix of an administrator credential.</summary>
    public const string RolePrefix = "administrator:";

    private static readonly ISignatureAlgorithm[] Default = [Es256SignatureAlgorithm.Instance];

    // An administrator request's code for a problem of the shared JWS reader; a certificate that is not an
    // administrator credential is a chain that does not lead where it must.
    private static readonly JwsReasonCodes Codes = new(
        AdministratorRequestCodes.Malformed, AdministratorRequestCodes.AlgorithmNotAllowed, AdministratorRequestCodes.ChainInvalid,
        AdministratorRequestCodes.CertificateExpired, AdministratorRequestCodes.BadSignature);

    /// <summary>Signs a grant.</summary>
    /// <param name="uscc">The institution.</param>
    /// <param name="platform">The platform id.</param>
    /// <param name="accountId">The account.</param>
    /// <param name="operatorId">The operator.</param>
    /// <param name="credential">The administrator's credential with its private key.</param>
    /// <param name="chain">The chain above it.</param>
    /// <param name="now">The signer's clock.</param>
    /// <returns>The compact JWS.</returns>
    public static string SignGrant(UnifiedSocialCreditCode uscc, PlatformId platform, string accountId, string operatorId, X509Certificate2 credential, X509Certificate2Collection chain, DateTimeOffset now) =>
        Sign(new AdministratorRequestPayload { Action = AdministratorActions.Grant, Uscc = uscc.ToString(), Platform = platform.Value, AccountId = accountId, OperatorId = operatorId }, credential, chain, now);

    /// <summary>Signs the revocation of a grant.</summary>
    /// <param name="uscc">The institution.</param>
    /// <param name="grantId">The grant.</param>
    /// <param name="credential">The administrator's credential with its private key.</param>
    /// <param name="chain">The chain above it.</param>
    /// <param name="now">The signer's clock.</param>
    /// <returns>The compact JWS.</returns>
    public static string SignGrantRevocation(UnifiedSocialCreditCode uscc, string grantId, X509Certificate2 credential, X509Certificate2Collection chain, DateTimeOffset now) =>
        Sign(new AdministratorRequestPayload { Action = AdministratorActions.RevokeGrant, Uscc = uscc.ToString(), GrantId = grantId }, credential, chain, now);

    /// <summary>Signs an appointment (the primary administrator appoints an administrator).</summary>
    /// <param name="uscc">The institution.</param>
    /// <param name="administratorId">The administrator appointed.</param>
    /// <param name="credential">The primary administrator's credential with its private key.</param>
    /// <param name="chain">The chain above it.</param>
    /// <param name="now">The signer's clock.</param>
    /// <returns>The compact JWS.</returns>
    public static string SignAppointment(UnifiedSocialCreditCode uscc, string administratorId, X509Certificate2 credential, X509Certificate2Collection chain, DateTimeOffset now) =>
        Sign(new AdministratorRequestPayload { Action = AdministratorActions.Appoint, Uscc = uscc.ToString(), AdministratorId = administratorId }, credential, chain, now);

    /// <summary>
    /// Reads a signed request: form, algorithm allow-list, chain to <paramref name="roots"/> at <paramref name="now"/>,
    /// an administrator credential, the signature. Revocation, the signer's standing and freshness are the caller's.
    /// </summary>
    /// <param name="jws">The compact JWS.</param>
    /// <param name="roots">The authority root(s).</param>
    /// <param name="now">The verifier's clock.</param>
    /// <param name="algorithms">The allowed algorithms; default ES256 only.</param>
    /// <returns>The result; never throws for a bad request.</returns>
    public static AdministratorRequestResult Read(string? jws, X509Certificate2Collection roots, DateTimeOffset now, IReadOnlyList<ISignatureAlgorithm>? algorithms = null)
    {
        ArgumentNullException.ThrowIfNull(roots);
        var problem = JwsReader.ReadSignedByChain(
            jws, JwsReader.MaxLength, Type, CredentialsJsonContext.Default.AdministratorRequestPayload, algorithms ?? Default, roots, now,
            static (role, _) => role is not null && role.StartsWith(RolePrefix, StringComparison.Ordinal) && role.Length > RolePrefix.Length,
            out _, out var payload, out var signer);
        if (problem != JwsProblem.None)
        {
            return Fail(Codes.For(problem));
        }

        if (!UnifiedSocialCreditCode.TryParse(signer.OrganizationIdentifier, out var signerUscc))
        {
            return Fail(AdministratorRequestCodes.ChainInvalid);
        }

        PlatformId? platform = null;
        if (string.IsNullOrWhiteSpace(payload.Action) || string.IsNullOrWhiteSpace(payload.Nonce) || !UnifiedSocialCreditCode.TryParse(payload.Uscc, out var uscc)
            || (payload.Platform is not null && !TryPlatform(payload.Platform, out platform)))
        {
            return Fail(AdministratorRequestCodes.Malformed);
        }

        return new AdministratorRequestResult(new AdministratorRequest
        {
            Action = payload.Action,
            Uscc = uscc,
            Platform = platform,
            AccountId = payload.AccountId,
            OperatorId = payload.OperatorId,
            GrantId = payload.GrantId,
            AdministratorId = payload.AdministratorId,
            Nonce = payload.Nonce,
            SignedAt = DateTimeOffset.FromUnixTimeSeconds(payload.Iat),
            Signer = signer.Role![RolePrefix.Length..],
            SignerUscc = signerUscc,
            SignerSerialNumber = signer.SerialNumber,
        });
    }

    private static string Sign(AdministratorRequestPayload payload, X509Certificate2 credential, X509Certificate2Collection chain, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(chain);
        var signed = payload with { Nonce = BadgeCertificateSignatureBase64Url(RandomNumberGenerator.GetBytes(16)), Iat = now.ToUnixTimeSeconds() };
        return JwsWriter.Sign(signed, CredentialsJsonContext.Default.AdministratorRequestPayload, Type, credential, chain, JwsWriter.SigningAlgorithm(Default, credential));
    }

    private static string BadgeCertificateSignatureBase64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    private static bool TryPlatform(string text, out PlatformId? platform)
    {
        platform = PlatformId.TryParse(text, out var parsed) ? parsed : null;
        return platform is not null;
    }

    private static AdministratorRequestResult Fail(string reason) => new(reason);
}

internal sealed record AdministratorRequestPayload
{
    public string? Action { get; init; }

    public string? Uscc { get; init; }

    public string? Platform { get; init; }

    public string? AccountId { get; init; }

    public string? OperatorId { get; init; }

    public string? GrantId { get; init; }

    public string? AdministratorId { get; init; }

    public string? Nonce { get; init; }

    public long Iat { get; init; }
}
