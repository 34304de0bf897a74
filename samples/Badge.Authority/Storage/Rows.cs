namespace Badge.Authority.Storage;

/// <summary>Who a request acts as, from its API key.</summary>
public enum PrincipalRole
{
    /// <summary>No key.</summary>
    Anonymous,

    /// <summary>An institution: acts on its own USCC.</summary>
    Institution,

    /// <summary>A platform: reads grants for its accounts, asks for account badges.</summary>
    Platform,

    /// <summary>The authority itself.</summary>
    Authority,
}

/// <summary>The caller.</summary>
/// <param name="Role">Its role.</param>
/// <param name="Subject">The institution's USCC or the platform id; <c>authority</c> for the authority.</param>
public sealed record Principal(PrincipalRole Role, string Subject)
{
    /// <summary>The anonymous caller.</summary>
    public static Principal Anonymous { get; } = new(PrincipalRole.Anonymous, string.Empty);

    /// <summary>A stable name for idempotency records and audit.</summary>
    public string Name => $"{Role.ToString().ToLowerInvariant()}:{Subject}";
}

/// <summary>A registered institution.</summary>
public sealed record InstitutionRow(string Uscc, string Name, string PrimaryAdministrator);

/// <summary>A badge as stored.</summary>
public sealed record BadgeRow
{
    /// <summary>Id.</summary>
    public required string Id { get; init; }

    /// <summary><c>website</c> or <c>platformAccount</c>.</summary>
    public required string Kind { get; init; }

    /// <summary><c>active</c>, <c>revoked</c> or <c>superseded</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Version.</summary>
    public required int Version { get; init; }

    /// <summary>USCC.</summary>
    public required string Uscc { get; init; }

    /// <summary>Organizer name.</summary>
    public required string OrganizerName { get; init; }

    /// <summary>Online name.</summary>
    public required string OnlineName { get; init; }

    /// <summary>Domain, ASCII form.</summary>
    public string? Domain { get; init; }

    /// <summary>Platform id.</summary>
    public string? Platform { get; init; }

    /// <summary>Account id.</summary>
    public string? AccountId { get; init; }

    /// <summary>Legacy badge.</summary>
    public bool Legacy { get; init; }

    /// <summary>Issued.</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>Updated.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Successor.</summary>
    public string? SupersededBy { get; init; }

    /// <summary>Predecessor.</summary>
    public string? Supersedes { get; init; }

    /// <summary>Revocation reason.</summary>
    public string? RevocationReason { get; init; }
}

/// <summary>A stored response for an idempotency key.</summary>
public sealed record IdempotencyRow(string RequestHash, int Status, string? ContentType, byte[] Body);

/// <summary>An operator grant as stored.</summary>
public sealed record GrantRow(
    string Id, string Uscc, string Platform, string AccountId, string OperatorId, string GrantedBy,
    DateTimeOffset GrantedAt, string? RevokedBy, DateTimeOffset? RevokedAt);

/// <summary>An audit entry as stored.</summary>
public sealed record AuditRow(DateTimeOffset At, string Actor, string Action, string Target);

/// <summary>A census record as stored.</summary>
public sealed record CensusRow(
    string Id, string Uscc, string? Platform, string? AccountId, string? Domain, string Name, bool Verified, DateTimeOffset SubmittedAt);

/// <summary>The outcome of a write that a uniqueness rule can refuse.</summary>
public enum WriteOutcome
{
    /// <summary>Written.</summary>
    Written,

    /// <summary>Refused: another active badge holds the domain.</summary>
    DuplicateDomain,

    /// <summary>Refused: another active badge holds the platform account.</summary>
    DuplicateAccount,

    /// <summary>Refused: the id exists.</summary>
    DuplicateId,
}

/// <summary>An issued credential certificate.</summary>
/// <param name="SerialNumber">Serial number, upper-case hexadecimal.</param>
/// <param name="Owner">The institution's USCC, or <c>platform:{id}</c>.</param>
/// <param name="IssuedAt">When issued.</param>
/// <param name="NotAfter">When it expires.</param>
/// <param name="RevokedAt">When revoked, if it was.</param>
/// <param name="RevokedBy">Who revoked it.</param>
public sealed record CredentialRow(string SerialNumber, string Owner, DateTimeOffset IssuedAt, DateTimeOffset NotAfter, DateTimeOffset? RevokedAt, string? RevokedBy);
