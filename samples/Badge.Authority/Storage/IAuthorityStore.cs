namespace Badge.Authority.Storage;

/// <summary>
/// Everything the emulator persists. Each method is one transaction: a call that fails leaves nothing behind.
/// SQLite by default (<see cref="SqliteAuthorityStore"/>); another database implements this interface.
/// </summary>
public partial interface IAuthorityStore : IDomainValidationStore
{
    /// <summary>Creates the schema if it is missing.</summary>
    void EnsureCreated();

    /// <summary>Creates or updates an institution and its key.</summary>
    void UpsertInstitution(InstitutionRow institution, string apiKeyHash);

    /// <summary>Creates or updates a platform and its key.</summary>
    void UpsertPlatform(string platformId, string name, string apiKeyHash);

    /// <summary>The principal a key hash belongs to, or <see langword="null"/>.</summary>
    Principal? FindPrincipal(string apiKeyHash);

    /// <summary>An institution by USCC.</summary>
    InstitutionRow? GetInstitution(string uscc);

    /// <summary>A platform's display name.</summary>
    string? GetPlatformName(string platformId);

    /// <summary>Inserts a badge, refusing duplicates of an active domain or account.</summary>
    WriteOutcome InsertBadge(BadgeRow badge);

    /// <summary>A badge by id.</summary>
    BadgeRow? GetBadge(string id);

    /// <summary>An institution's badges, oldest first, and the total.</summary>
    (IReadOnlyList<BadgeRow> Items, int Total) ListBadges(string uscc, int page, int pageSize);

    /// <summary>Marks an active or pending badge revoked; false when it was neither.</summary>
    bool RevokeBadge(string id, string reason, DateTimeOffset at);

    /// <summary>Marks <paramref name="oldId"/> superseded by <paramref name="newId"/>; false when either was not active.</summary>
    bool SupersedeBadge(string oldId, string newId, DateTimeOffset at);

    /// <summary>Whether the person is the primary administrator or an appointed administrator.</summary>
    bool IsAdministrator(string uscc, string administratorId);

    /// <summary>Records an appointment and its audit entry.</summary>
    void AppointAdministrator(string uscc, string administratorId, string appointedBy, DateTimeOffset at);

    /// <summary>The active grant for the tuple, if any.</summary>
    GrantRow? FindActiveGrant(string uscc, string platform, string accountId, string operatorId);

    /// <summary>Inserts a grant and its audit entry.</summary>
    void InsertGrant(GrantRow grant);

    /// <summary>A grant by id.</summary>
    GrantRow? GetGrant(string id);

    /// <summary>Revokes an active grant and records the audit entry; false when it was not active.</summary>
    bool RevokeGrant(string id, string revokedBy, DateTimeOffset at);

    /// <summary>The institution's audit trail, oldest first.</summary>
    IReadOnlyList<AuditRow> ListAudit(string uscc);

    /// <summary>Inserts census records, all or none.</summary>
    void InsertCensus(IReadOnlyList<CensusRow> records);

    /// <summary>An institution's census records.</summary>
    IReadOnlyList<CensusRow> ListCensus(string uscc);

    /// <summary>Census records of verified accounts on a platform that carry no active badge yet, oldest first.</summary>
    IReadOnlyList<CensusRow> ListPendingCensusAttachments(string platform);

    /// <summary>A stored response for (principal, key).</summary>
    IdempotencyRow? GetIdempotency(string principal, string key);

    /// <summary>Stores a response for (principal, key).</summary>
    void PutIdempotency(string principal, string key, IdempotencyRow row, DateTimeOffset at);

    /// <summary>Records an issued credential certificate.</summary>
    void InsertCredential(CredentialRow credential);

    /// <summary>A credential by serial number (hexadecimal).</summary>
    CredentialRow? GetCredential(string serialNumber);

    /// <summary>Revokes a credential; false when it was revoked before or is unknown.</summary>
    bool RevokeCredential(string serialNumber, string revokedBy, DateTimeOffset at);

    /// <summary>A setting, for example the signing key.</summary>
    string? GetSetting(string key);

    /// <summary>Stores a setting if it is not yet set; returns the stored value.</summary>
    string PutSettingIfAbsent(string key, string value);
}
