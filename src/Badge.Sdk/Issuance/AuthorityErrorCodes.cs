namespace Badge.Sdk.Issuance;

/// <summary>The <c>code</c> values of the authority's problem details (protocol v1).</summary>
public static class AuthorityErrorCodes
{
    /// <summary>A required field is missing.</summary>
    public const string MissingField = "missing_field";

    /// <summary>The unified social credit code is not valid; <c>reason</c> says why.</summary>
    public const string InvalidUscc = "invalid_uscc";

    /// <summary>The domain is not valid; <c>reason</c> says why.</summary>
    public const string InvalidDomain = "invalid_domain";

    /// <summary>A name is empty or holds a forbidden character.</summary>
    public const string InvalidName = "invalid_name";

    /// <summary>A name is longer than 100 characters.</summary>
    public const string NameTooLong = "name_too_long";

    /// <summary>The platform id is not valid.</summary>
    public const string InvalidPlatform = "invalid_platform";

    /// <summary>Another field is not valid.</summary>
    public const string InvalidField = "invalid_field";

    /// <summary>No badge has this id.</summary>
    public const string UnknownBadge = "unknown_badge";

    /// <summary>No institution has this code.</summary>
    public const string UnknownInstitution = "unknown_institution";

    /// <summary>The badge belongs to another institution.</summary>
    public const string NotYourBadge = "not_your_badge";

    /// <summary>The key may not act for this institution or platform.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>No API key, or an unknown one.</summary>
    public const string Unauthorized = "unauthorized";

    /// <summary>Another active badge already vouches for the domain.</summary>
    public const string DuplicateDomain = "duplicate_domain";

    /// <summary>Another active badge already vouches for the platform account.</summary>
    public const string DuplicateAccount = "duplicate_account";

    /// <summary>Badges are not issued to this kind of institution (by default only categories 11 and 12).</summary>
    public const string InstitutionNotEligible = "institution_not_eligible";

    /// <summary>The badge is not in a state that allows the call (for example revoking a revoked badge).</summary>
    public const string InvalidState = "invalid_state";

    /// <summary>The <c>Idempotency-Key</c> was used before with a different request.</summary>
    public const string IdempotencyKeyReused = "idempotency_key_reused";

    /// <summary>The acting administrator may not do this.</summary>
    public const string NotAnAdministrator = "not_an_administrator";

    /// <summary>No grant has this id.</summary>
    public const string UnknownGrant = "unknown_grant";

    /// <summary>
    /// No complete response arrived: the connection was refused, reset or closed before the body ended, the answer
    /// did not arrive in time (<c>AttemptTimeout</c>, which covers reading the body, or <c>TotalTimeout</c>), or the
    /// circuit breaker is open after repeated failures. Set by the client, never by the authority.
    /// </summary>
    public const string TransportError = "transport_error";

    /// <summary>
    /// The response body was longer than <c>BadgeAuthorityClientOptions.MaxResponseBytes</c> (or
    /// <c>MaxImageBytes</c> for a badge image); reading stopped at the cap. Set by the client.
    /// </summary>
    public const string ResponseTooLarge = "response_too_large";

    /// <summary>
    /// The response's <c>Content-Type</c> is not the one the call expects (JSON for the API, <c>image/svg+xml</c>
    /// for a badge image). Set by the client.
    /// </summary>
    public const string UnexpectedContentType = "unexpected_content_type";

    /// <summary>
    /// The response could not be read: a body that is not JSON, is cut short, or lacks a required field. Set by the
    /// client.
    /// </summary>
    public const string InvalidResponse = "invalid_response";

    // Issue #15, items 1, 2 and 5: organizer names, proven domains, strict input.

    /// <summary>The organizer name is not the institution's registered name (it may be omitted: the authority fills it in).</summary>
    public const string OrganizerMismatch = "organizer_mismatch";

    /// <summary>The domain is a public suffix (<c>gov.cn</c>, <c>政务</c>, <c>com.cn</c>, …): nobody's site.</summary>
    public const string PublicSuffix = "public_suffix";

    /// <summary>The domain is under a registry the authority runs (<c>.gov.cn</c>, <c>.政务</c>, <c>.公益</c>) but not registered there.</summary>
    public const string DomainNotRegistered = "domain_not_registered";

    /// <summary>The domain's registration in the authority's registry is held by another institution.</summary>
    public const string DomainRegisteredToAnother = "domain_registered_to_another";

    /// <summary>An active badge of the same registered domain covers the domain, or is covered by it.</summary>
    public const string OverlappingDomain = "overlapping_domain";

    /// <summary>The site did not serve the domain-validation token; <c>reason</c> says what the authority saw.</summary>
    public const string DomainValidationFailed = "domain_validation_failed";

    /// <summary>The badge is pending domain validation: it has no certificate yet.</summary>
    public const string BadgePending = "badge_pending";

    /// <summary>The request body is not valid JSON for the call; <c>field</c> and <c>path</c> say where.</summary>
    public const string InvalidBody = "invalid_body";

    /// <summary>The platform id is well-formed but no such platform is registered with the authority.</summary>
    public const string UnknownPlatform = "unknown_platform";

    // Issue #15, items 3 and 4: consent for platform badges, signed administrator requests.

    /// <summary>A platform-account badge asked for without the institution's consent (or a census record).</summary>
    public const string ConsentRequired = "consent_required";

    /// <summary>The consent's form, algorithm, chain, role or signature does not hold; <c>reason</c> says which.</summary>
    public const string ConsentInvalid = "consent_invalid";

    /// <summary>The consent is for another platform, account, institution, or it is a signed refusal.</summary>
    public const string ConsentMismatch = "consent_mismatch";

    /// <summary>The consent is older than the authority accepts (or signed in the future).</summary>
    public const string ConsentExpired = "consent_expired";

    /// <summary>The consent was used for a badge before.</summary>
    public const string ConsentUsed = "consent_used";

    /// <summary>The credential that signed (a consent or an administrator request) was revoked.</summary>
    public const string CredentialRevoked = "credential_revoked";

    /// <summary>The consent's operator holds no active grant for the account.</summary>
    public const string NotGranted = "not_granted";

    /// <summary>Census route: the record is unknown, not verified, or not for this platform, account and institution.</summary>
    public const string CensusMismatch = "census_mismatch";

    /// <summary>Census route: the account's verified subject (held by the platform) is another institution.</summary>
    public const string SubjectMismatch = "subject_mismatch";

    /// <summary>An administrator request's signature is missing, malformed, or does not hold; <c>reason</c> says which.</summary>
    public const string SignatureInvalid = "signature_invalid";

    /// <summary>The signed administrator request says something else than the call (another action, institution or target).</summary>
    public const string SignatureMismatch = "signature_mismatch";

    /// <summary>The signed administrator request was presented before, or is too old.</summary>
    public const string SignatureReplayed = "signature_replayed";

    /// <summary>An enrolment code is missing, unknown, used, or for another administrator.</summary>
    public const string InvalidEnrollmentCode = "invalid_enrollment_code";
}
