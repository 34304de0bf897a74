namespace Badge.Authority.Storage;

// What the authority keeps to certify only what it verified (issue #15): consents used once, signed administrator
// requests seen once, administrators' one-time enrolment codes.
public partial interface IAuthorityStore
{
    /// <summary>
    /// Inserts a badge, marks its proof (a consent) used and records who consented in the institution's audit trail,
    /// in one transaction: when the proof was used before, nothing is written and <paramref name="proofUsed"/> is true.
    /// </summary>
    WriteOutcome InsertBadgeWithProof(BadgeRow badge, string proofKey, string consentedBy, out bool proofUsed);

    /// <summary>A census record by id.</summary>
    CensusRow? GetCensus(string id);

    /// <summary>Records a signed request's nonce; false when it was seen before.</summary>
    bool TryUseSignedRequest(string uscc, string nonce, DateTimeOffset at);

    /// <summary>Stores a one-time enrolment code (its hash) for an administrator, unless it is stored already.</summary>
    void PutEnrollmentCode(string codeHash, string uscc, string administratorId, DateTimeOffset at);

    /// <summary>Uses an unused enrolment code of that administrator; false when there is none.</summary>
    bool UseEnrollmentCode(string codeHash, string uscc, string administratorId, DateTimeOffset at);
}
