namespace Badge.Authority.Storage;

// What the institution portal (试用系统) reads and changes beyond the API: its grants and administrators listed, a
// census entry corrected. Every call is scoped to one institution's USCC.
public partial interface IAuthorityStore
{
    /// <summary>An institution's operator grants, active and revoked, oldest first.</summary>
    IReadOnlyList<GrantRow> ListGrants(string uscc);

    /// <summary>An institution's appointed administrators (the primary administrator is on the institution row).</summary>
    IReadOnlyList<AdministratorRow> ListAdministrators(string uscc);

    /// <summary>
    /// Replaces a census entry's fields (not its id, owner or filing time) and records the change in the audit trail,
    /// in one transaction; false when no entry with that id belongs to <paramref name="uscc"/>.
    /// </summary>
    bool UpdateCensus(string uscc, CensusRow record, string actor, DateTimeOffset at);
}

/// <summary>An appointed administrator as stored.</summary>
public sealed record AdministratorRow(string AdministratorId, string AppointedBy, DateTimeOffset AppointedAt);
