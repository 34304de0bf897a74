using System.Security.Cryptography.X509Certificates;
using Badge.Authority.Security;
using Badge.Authority.Storage;
using Badge.Sdk.Challenges;
using Badge.Sdk.Credentials;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;

namespace Badge.Authority.Api;

/// <summary>
/// What the authority verifies itself before it acts for a platform or an administrator (issue #15): the
/// institution's consent behind a platform-account badge, the platform's confirmation on the census route, and the
/// administrator's own signature on grants, revocations and appointments. Each check answers a problem naming the
/// field and the reason, or <see langword="null"/> when everything holds.
/// </summary>
internal static class TrustChecks
{
    // A signature made this far ahead of the authority's clock is refused (clocks of phones drift, not by hours).
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Seeds the primary administrators' one-time enrolment codes.</summary>
    public static void Seed(IAuthorityStore store, AuthorityOptions options, TimeProvider time)
    {
        foreach (var institution in options.Institutions)
        {
            var uscc = UnifiedSocialCreditCode.Parse(institution.Uscc).ToString();
            store.PutEnrollmentCode(ApiKeys.Hash(institution.EnrollmentCode), uscc, institution.PrimaryAdministrator, time.GetUtcNow());
        }
    }

    /// <summary>
    /// A platform's badge request for an account carries the institution's consent: a challenge answer signed by
    /// the institution's credential (chain to this authority's CA, not revoked), approving, for the calling platform,
    /// this account and this institution, recent, by an operator who holds an active grant. On success
    /// <paramref name="proofKey"/> names the consent, which the badge's insertion marks used, and
    /// <paramref name="consentedBy"/> is the operator who answered (for the audit trail).
    /// </summary>
    public static IResult? Consent(
        string? consentJws, string platform, string accountId, UnifiedSocialCreditCode uscc, IAuthorityStore store, CertificateAuthority ca, AuthorityOptions options,
        DateTimeOffset now, out string proofKey, out string consentedBy)
    {
        proofKey = string.Empty;
        consentedBy = string.Empty;
        if (string.IsNullOrWhiteSpace(consentJws))
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, AuthorityErrorCodes.ConsentRequired, "consent",
                "a platform-account badge needs the institution's consent: pass the approved challenge answer (the JWS its credential app signed) as 'consent', or, for a verified account on the census route, 'censusRecordId' and 'verifiedSubject'");
        }

        var read = ChallengeConsentReader.Read(consentJws.Trim(), Roots(ca), now);
        if (!read.IsValid)
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, AuthorityErrorCodes.ConsentInvalid, "consent",
                $"consent: {Describe(read.Reason)}", read.Reason);
        }

        var consent = read.Consent!;
        if (!consent.Approved)
        {
            return Mismatch("denied", "consent: the answer is a signed refusal, not consent");
        }

        if (consent.Platform.Value != platform)
        {
            return Mismatch("platform", $"consent: the institution consented to the platform '{consent.Platform}', not '{platform}'");
        }

        if (consent.AccountId != accountId)
        {
            return Mismatch("accountId", "consent: the institution consented for another account");
        }

        var code = uscc.ToString();
        if (consent.SignerUscc != uscc || consent.Uscc != uscc)
        {
            return Mismatch("uscc", $"consent: signed by the credential of {consent.SignerUscc} for {consent.Uscc}, not by {code}");
        }

        if (SigningCredential(store, consent.SignerSerialNumber, code, StatusCodes.Status422UnprocessableEntity, AuthorityErrorCodes.ConsentInvalid, "consent", "the signing") is { } refused)
        {
            return refused;
        }

        if (consent.SignedAt > now + ClockSkew || now - consent.SignedAt > options.ConsentLifetime)
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, AuthorityErrorCodes.ConsentExpired, "consent",
                $"consent: signed at {consent.SignedAt:u}; the authority accepts consent for {options.ConsentLifetime.TotalDays:0.##} day(s) after signing — scan a new QR code",
                ChallengeReasonCodes.Expired);
        }

        if (store.FindActiveGrant(code, platform, accountId, consent.OperatorId) is null)
        {
            return Problems.Create(StatusCodes.Status403Forbidden, AuthorityErrorCodes.NotGranted, "consent",
                $"consent: operator '{consent.OperatorId}' holds no active grant of {code}'s credential for this {platform} account",
                ChallengeReasonCodes.NotGranted);
        }

        // Keyed by what was consented to, not by the JWS text: an ECDSA signature can be re-encoded into another
        // valid one, so the same answer must not count as new because its bytes differ.
        proofKey = $"consent\n{consent.Platform}\n{consent.ChallengeId}";
        consentedBy = consent.OperatorId;
        return null;
    }

    /// <summary>
    /// The census route: the platform names the census record the authority listed for it and the subject it verified
    /// for the account itself; the record must be a verified account of this platform, account and institution, and
    /// the platform's subject must be that institution.
    /// </summary>
    public static IResult? Census(string censusRecordId, string? verifiedSubject, string platform, string accountId, UnifiedSocialCreditCode uscc, IAuthorityStore store)
    {
        var record = store.GetCensus(censusRecordId.Trim());
        if (record is null || record.Platform != platform || record.AccountId != accountId || record.Uscc != uscc.ToString() || !record.Verified)
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, AuthorityErrorCodes.CensusMismatch, "censusRecordId",
                $"censusRecordId: no census record '{censusRecordId}' of {uscc} files the verified {platform} account named");
        }

        if (string.IsNullOrWhiteSpace(verifiedSubject))
        {
            return Problems.Missing("verifiedSubject");
        }

        if (!UnifiedSocialCreditCode.TryParse(verifiedSubject, out var subject) || subject != uscc)
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, AuthorityErrorCodes.SubjectMismatch, "verifiedSubject",
                $"verifiedSubject: the platform verified the account for '{verifiedSubject}', but the census record claims it for {uscc}");
        }

        return null;
    }

    /// <summary>
    /// An administrator's signed request: signed by an administrator credential of this institution from this
    /// authority's CA (not revoked), for this action and target, recent, seen once, by the primary administrator (or,
    /// unless <paramref name="primaryOnly"/>, an appointed administrator). On success <paramref name="signer"/> is
    /// the verified administrator, the one the audit trail records.
    /// </summary>
    public static IResult? Administrator(
        string? signatureJws, string action, InstitutionRow institution, bool primaryOnly, Func<AdministratorRequest, string?> mismatchedField,
        IAuthorityStore store, CertificateAuthority ca, AuthorityOptions options, DateTimeOffset now, out string signer)
    {
        signer = string.Empty;
        if (string.IsNullOrWhiteSpace(signatureJws))
        {
            return Problems.Create(StatusCodes.Status401Unauthorized, AuthorityErrorCodes.SignatureInvalid, "signature",
                "signature: administrators sign what they do — sign the request with the acting administrator's own credential (AdministratorSignature in the SDK; the credential app's `grant`)",
                "missing");
        }

        var read = AdministratorSignature.Read(signatureJws.Trim(), Roots(ca), now);
        if (!read.IsValid)
        {
            return Problems.Create(StatusCodes.Status403Forbidden, AuthorityErrorCodes.SignatureInvalid, "signature",
                $"signature: {Describe(read.Reason)}; an administrator's own credential (role administrator:<id>) must sign", read.Reason);
        }

        var request = read.Request!;
        if (request.SignerUscc.ToString() != institution.Uscc || request.Uscc.ToString() != institution.Uscc)
        {
            return Problems.Create(StatusCodes.Status403Forbidden, AuthorityErrorCodes.SignatureMismatch, "signature",
                $"signature: signed by an administrator of {request.SignerUscc} for {request.Uscc}, not for {institution.Uscc}", "uscc");
        }

        if (request.Action != action)
        {
            return Problems.Create(StatusCodes.Status403Forbidden, AuthorityErrorCodes.SignatureMismatch, "signature",
                $"signature: the administrator signed '{request.Action}', not '{action}'", "action");
        }

        if (mismatchedField(request) is { } field)
        {
            return Problems.Create(StatusCodes.Status403Forbidden, AuthorityErrorCodes.SignatureMismatch, field,
                $"{field}: the administrator signed another {field} than the request names", field);
        }

        if (SigningCredential(store, request.SignerSerialNumber, institution.Uscc, StatusCodes.Status403Forbidden, AuthorityErrorCodes.SignatureInvalid, "signature", "the administrator's") is { } refused)
        {
            return refused;
        }

        if (request.SignedAt > now + ClockSkew || now - request.SignedAt > options.SignedRequestLifetime)
        {
            return Problems.Create(StatusCodes.Status403Forbidden, AuthorityErrorCodes.SignatureReplayed, "signature",
                $"signature: signed at {request.SignedAt:u}; a signed request is accepted for {options.SignedRequestLifetime.TotalMinutes:0} minute(s) — sign it again",
                AdministratorRequestCodes.Expired);
        }

        var isAdministrator = primaryOnly ? request.Signer == institution.PrimaryAdministrator : store.IsAdministrator(institution.Uscc, request.Signer);
        if (!isAdministrator)
        {
            return Problems.Create(StatusCodes.Status403Forbidden, AuthorityErrorCodes.NotAnAdministrator, "signature",
                primaryOnly
                    ? $"'{request.Signer}' is not the primary administrator (第一管理责任人) of {institution.Uscc}; only they appoint administrators"
                    : $"'{request.Signer}' is neither the primary administrator nor an appointed administrator of {institution.Uscc}");
        }

        if (!store.TryUseSignedRequest(institution.Uscc, request.Nonce, now))
        {
            return Problems.Create(StatusCodes.Status409Conflict, AuthorityErrorCodes.SignatureReplayed, "signature",
                "signature: this signed request was presented before; sign a new one", AdministratorRequestCodes.Replayed);
        }

        signer = request.Signer;
        return null;
    }

    private static X509Certificate2Collection Roots(CertificateAuthority ca) => [ca.Root];

    // The credential that signed must be one this authority issued to the institution, and not revoked; consent and
    // administrators' requests differ only in the status, the code for an unknown credential and the field.
    private static IResult? SigningCredential(IAuthorityStore store, string serialNumber, string uscc, int status, string unknownCode, string field, string whose)
    {
        if (store.GetCredential(serialNumber) is not { } credential || credential.Owner != uscc)
        {
            return Problems.Create(status, unknownCode, field, $"{field}: the signing credential was not issued to this institution by this authority", "unknown_credential");
        }

        return credential.RevokedAt is null
            ? null
            : Problems.Create(status, AuthorityErrorCodes.CredentialRevoked, field, $"{field}: {whose} credential {credential.SerialNumber} was revoked", ChallengeReasonCodes.Revoked);
    }

    private static IResult Mismatch(string reason, string detail) =>
        Problems.Create(StatusCodes.Status422UnprocessableEntity, AuthorityErrorCodes.ConsentMismatch, "consent", detail, reason);

    private static string Describe(string? reason) => reason switch
    {
        ChallengeReasonCodes.Malformed => "not a signed answer (compact JWS) this authority can read",
        ChallengeReasonCodes.AlgorithmNotAllowed => "the algorithm is not allowed (ES256 only)",
        ChallengeReasonCodes.ChainInvalid => "the signer's certificate does not chain to this authority's CA with the right role",
        ChallengeReasonCodes.CertificateExpired => "the signer's certificate is expired or not yet valid",
        ChallengeReasonCodes.BadSignature => "the signature does not verify",
        _ => reason ?? "invalid",
    };
}
