using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Badge.Authority.Storage;

/// <summary>The SQLite store: one file, WAL journal, one connection per call, one transaction per write.</summary>
public sealed partial class SqliteAuthorityStore : IAuthorityStore
{
    private readonly string _connectionString;

    /// <summary>Opens (and creates) the database file.</summary>
    /// <param name="path">The file.</param>
    public SqliteAuthorityStore(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <inheritdoc />
    public void EnsureCreated()
    {
        using var connection = Open();
        Execute(connection, null, "PRAGMA journal_mode=WAL;");
        Execute(connection, null, """
            CREATE TABLE IF NOT EXISTS institutions (
                uscc TEXT PRIMARY KEY, name TEXT NOT NULL, primary_admin TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE);
            CREATE TABLE IF NOT EXISTS platforms (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE);
            CREATE TABLE IF NOT EXISTS badges (
                id TEXT PRIMARY KEY, kind TEXT NOT NULL, status TEXT NOT NULL, version INTEGER NOT NULL,
                uscc TEXT NOT NULL, organizer TEXT NOT NULL, online_name TEXT NOT NULL,
                domain TEXT, platform TEXT, account_id TEXT, legacy INTEGER NOT NULL,
                issued_at TEXT NOT NULL, updated_at TEXT NOT NULL,
                superseded_by TEXT, supersedes TEXT, revocation_reason TEXT, seq INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS ix_badges_uscc ON badges(uscc, seq);
            CREATE UNIQUE INDEX IF NOT EXISTS ux_badges_active_domain ON badges(domain)
                WHERE status = 'active' AND kind = 'website' AND legacy = 0;
            CREATE UNIQUE INDEX IF NOT EXISTS ux_badges_active_account ON badges(platform, account_id)
                WHERE status = 'active' AND kind = 'platformAccount';
            CREATE TABLE IF NOT EXISTS administrators (
                uscc TEXT NOT NULL, admin_id TEXT NOT NULL, appointed_by TEXT NOT NULL, appointed_at TEXT NOT NULL,
                PRIMARY KEY (uscc, admin_id));
            CREATE TABLE IF NOT EXISTS grants (
                id TEXT PRIMARY KEY, uscc TEXT NOT NULL, platform TEXT NOT NULL, account_id TEXT NOT NULL,
                operator_id TEXT NOT NULL, granted_by TEXT NOT NULL, granted_at TEXT NOT NULL,
                revoked_by TEXT, revoked_at TEXT);
            CREATE INDEX IF NOT EXISTS ix_grants_tuple ON grants(uscc, platform, account_id, operator_id);
            CREATE TABLE IF NOT EXISTS audit (
                seq INTEGER PRIMARY KEY AUTOINCREMENT, uscc TEXT NOT NULL, at TEXT NOT NULL,
                actor TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS census (
                id TEXT PRIMARY KEY, uscc TEXT NOT NULL, platform TEXT, account_id TEXT, domain TEXT,
                name TEXT NOT NULL, verified INTEGER NOT NULL, submitted_at TEXT NOT NULL, seq INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS idempotency (
                principal TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL, status INTEGER NOT NULL,
                content_type TEXT, body BLOB NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (principal, key));
            CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS credentials (
                serial TEXT PRIMARY KEY, owner TEXT NOT NULL, issued_at TEXT NOT NULL, not_after TEXT NOT NULL,
                revoked_at TEXT, revoked_by TEXT);
            """);
        EnsureDomainTables(connection);
        EnsureTrustSchema(connection);
    }

    /// <inheritdoc />
    public void UpsertInstitution(InstitutionRow institution, string apiKeyHash)
    {
        using var connection = Open();
        Execute(connection, null, """
            INSERT INTO institutions (uscc, name, primary_admin, key_hash) VALUES ($uscc, $name, $admin, $hash)
            ON CONFLICT(uscc) DO UPDATE SET name = excluded.name, primary_admin = excluded.primary_admin, key_hash = excluded.key_hash
            """, ("$uscc", institution.Uscc), ("$name", institution.Name), ("$admin", institution.PrimaryAdministrator), ("$hash", apiKeyHash));
    }

    /// <inheritdoc />
    public void UpsertPlatform(string platformId, string name, string apiKeyHash)
    {
        using var connection = Open();
        Execute(connection, null, """
            INSERT INTO platforms (id, name, key_hash) VALUES ($id, $name, $hash)
            ON CONFLICT(id) DO UPDATE SET name = excluded.name, key_hash = excluded.key_hash
            """, ("$id", platformId), ("$name", name), ("$hash", apiKeyHash));
    }

    /// <inheritdoc />
    public Principal? FindPrincipal(string apiKeyHash)
    {
        using var connection = Open();
        var uscc = Scalar<string>(connection, "SELECT uscc FROM institutions WHERE key_hash = $h", ("$h", apiKeyHash));
        if (uscc is not null)
        {
            return new Principal(PrincipalRole.Institution, uscc);
        }

        var platform = Scalar<string>(connection, "SELECT id FROM platforms WHERE key_hash = $h", ("$h", apiKeyHash));
        return platform is null ? null : new Principal(PrincipalRole.Platform, platform);
    }

    /// <inheritdoc />
    public InstitutionRow? GetInstitution(string uscc)
    {
        using var connection = Open();
        using var command = Command(connection, null, "SELECT uscc, name, primary_admin FROM institutions WHERE uscc = $u", ("$u", uscc));
        using var reader = command.ExecuteReader();
        return reader.Read() ? new InstitutionRow(reader.GetString(0), reader.GetString(1), reader.GetString(2)) : null;
    }

    /// <inheritdoc />
    public string? GetPlatformName(string platformId)
    {
        using var connection = Open();
        return Scalar<string>(connection, "SELECT name FROM platforms WHERE id = $id", ("$id", platformId));
    }

    /// <inheritdoc />
    public WriteOutcome InsertBadge(BadgeRow badge)
    {
        using var connection = Open();
        try
        {
            Execute(connection, null, """
                INSERT INTO badges (id, kind, status, version, uscc, organizer, online_name, domain, platform, account_id, legacy,
                                    issued_at, updated_at, superseded_by, supersedes, revocation_reason, seq)
                VALUES ($id, $kind, $status, $version, $uscc, $organizer, $online, $domain, $platform, $account, $legacy,
                        $issued, $updated, NULL, NULL, NULL, (SELECT COALESCE(MAX(seq), 0) + 1 FROM badges))
                """,
                ("$id", badge.Id), ("$kind", badge.Kind), ("$status", badge.Status), ("$version", badge.Version),
                ("$uscc", badge.Uscc), ("$organizer", badge.OrganizerName), ("$online", badge.OnlineName),
                ("$domain", badge.Domain), ("$platform", badge.Platform), ("$account", badge.AccountId),
                ("$legacy", badge.Legacy ? 1 : 0), ("$issued", Time(badge.IssuedAt)), ("$updated", Time(badge.UpdatedAt)));
            return WriteOutcome.Written;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            return ex.Message.Contains("badges.id", StringComparison.Ordinal) ? WriteOutcome.DuplicateId
                : ex.Message.Contains("badges.domain", StringComparison.Ordinal) ? WriteOutcome.DuplicateDomain
                : WriteOutcome.DuplicateAccount;
        }
    }

    /// <inheritdoc />
    public BadgeRow? GetBadge(string id)
    {
        using var connection = Open();
        using var command = Command(connection, null, BadgeSelect + " WHERE id = $id", ("$id", id));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadBadge(reader) : null;
    }

    /// <inheritdoc />
    public (IReadOnlyList<BadgeRow> Items, int Total) ListBadges(string uscc, int page, int pageSize)
    {
        using var connection = Open();
        var total = Convert.ToInt32(Scalar<long>(connection, "SELECT COUNT(*) FROM badges WHERE uscc = $u", ("$u", uscc)), CultureInfo.InvariantCulture);
        using var command = Command(connection, null, BadgeSelect + " WHERE uscc = $u ORDER BY seq LIMIT $limit OFFSET $offset",
            ("$u", uscc), ("$limit", pageSize), ("$offset", (page - 1) * pageSize));
        using var reader = command.ExecuteReader();
        var items = new List<BadgeRow>();
        while (reader.Read())
        {
            items.Add(ReadBadge(reader));
        }

        return (items, total);
    }

    /// <inheritdoc />
    public bool RevokeBadge(string id, string reason, DateTimeOffset at)
    {
        using var connection = Open();
        return Execute(connection, null, """
            UPDATE badges SET status = 'revoked', revocation_reason = $reason, version = version + 1, updated_at = $at
            WHERE id = $id AND status IN ('active', 'pending')
            """, ("$id", id), ("$reason", reason), ("$at", Time(at))) == 1;
    }

    /// <inheritdoc />
    public bool SupersedeBadge(string oldId, string newId, DateTimeOffset at)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        var old = Execute(connection, transaction, """
            UPDATE badges SET status = 'superseded', superseded_by = $new, version = version + 1, updated_at = $at
            WHERE id = $old AND status = 'active'
            """, ("$old", oldId), ("$new", newId), ("$at", Time(at)));
        var successor = Execute(connection, transaction, """
            UPDATE badges SET supersedes = $old, version = version + 1, updated_at = $at
            WHERE id = $new AND status = 'active'
            """, ("$old", oldId), ("$new", newId), ("$at", Time(at)));
        if (old != 1 || successor != 1)
        {
            transaction.Rollback();
            return false;
        }

        transaction.Commit();
        return true;
    }

    /// <inheritdoc />
    public bool IsAdministrator(string uscc, string administratorId)
    {
        using var connection = Open();
        return Scalar<long>(connection, """
            SELECT (SELECT COUNT(*) FROM institutions WHERE uscc = $u AND primary_admin = $a)
                 + (SELECT COUNT(*) FROM administrators WHERE uscc = $u AND admin_id = $a)
            """, ("$u", uscc), ("$a", administratorId)) > 0;
    }

    /// <inheritdoc />
    public void AppointAdministrator(string uscc, string administratorId, string appointedBy, DateTimeOffset at)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, """
            INSERT INTO administrators (uscc, admin_id, appointed_by, appointed_at) VALUES ($u, $a, $by, $at)
            ON CONFLICT(uscc, admin_id) DO NOTHING
            """, ("$u", uscc), ("$a", administratorId), ("$by", appointedBy), ("$at", Time(at)));
        Audit(connection, transaction, uscc, at, appointedBy, "administrator.appointed", administratorId);
        transaction.Commit();
    }

    /// <inheritdoc />
    public GrantRow? FindActiveGrant(string uscc, string platform, string accountId, string operatorId)
    {
        using var connection = Open();
        using var command = Command(connection, null, GrantSelect + """
             WHERE uscc = $u AND platform = $p AND account_id = $a AND operator_id = $o AND revoked_at IS NULL LIMIT 1
            """, ("$u", uscc), ("$p", platform), ("$a", accountId), ("$o", operatorId));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadGrant(reader) : null;
    }

    /// <inheritdoc />
    public void InsertGrant(GrantRow grant)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, """
            INSERT INTO grants (id, uscc, platform, account_id, operator_id, granted_by, granted_at)
            VALUES ($id, $u, $p, $a, $o, $by, $at)
            """, ("$id", grant.Id), ("$u", grant.Uscc), ("$p", grant.Platform), ("$a", grant.AccountId),
            ("$o", grant.OperatorId), ("$by", grant.GrantedBy), ("$at", Time(grant.GrantedAt)));
        Audit(connection, transaction, grant.Uscc, grant.GrantedAt, grant.GrantedBy, "grant.created", $"{grant.Platform}/{grant.AccountId}/{grant.OperatorId}");
        transaction.Commit();
    }

    /// <inheritdoc />
    public GrantRow? GetGrant(string id)
    {
        using var connection = Open();
        using var command = Command(connection, null, GrantSelect + " WHERE id = $id", ("$id", id));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadGrant(reader) : null;
    }

    /// <inheritdoc />
    public bool RevokeGrant(string id, string revokedBy, DateTimeOffset at)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        var grant = GetGrant(id);
        var changed = Execute(connection, transaction,
            "UPDATE grants SET revoked_by = $by, revoked_at = $at WHERE id = $id AND revoked_at IS NULL",
            ("$id", id), ("$by", revokedBy), ("$at", Time(at)));
        if (changed != 1 || grant is null)
        {
            transaction.Rollback();
            return false;
        }

        Audit(connection, transaction, grant.Uscc, at, revokedBy, "grant.revoked", $"{grant.Platform}/{grant.AccountId}/{grant.OperatorId}");
        transaction.Commit();
        return true;
    }

    /// <inheritdoc />
    public IReadOnlyList<AuditRow> ListAudit(string uscc)
    {
        using var connection = Open();
        using var command = Command(connection, null, "SELECT at, actor, action, target FROM audit WHERE uscc = $u ORDER BY seq", ("$u", uscc));
        using var reader = command.ExecuteReader();
        var rows = new List<AuditRow>();
        while (reader.Read())
        {
            rows.Add(new AuditRow(ParseTime(reader.GetString(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return rows;
    }

    /// <inheritdoc />
    public void InsertCensus(IReadOnlyList<CensusRow> records)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        foreach (var r in records)
        {
            Execute(connection, transaction, """
                INSERT INTO census (id, uscc, platform, account_id, domain, name, verified, submitted_at, seq)
                VALUES ($id, $u, $p, $a, $d, $n, $v, $at, (SELECT COALESCE(MAX(seq), 0) + 1 FROM census))
                """, ("$id", r.Id), ("$u", r.Uscc), ("$p", r.Platform), ("$a", r.AccountId), ("$d", r.Domain),
                ("$n", r.Name), ("$v", r.Verified ? 1 : 0), ("$at", Time(r.SubmittedAt)));
        }

        transaction.Commit();
    }

    /// <inheritdoc />
    public IReadOnlyList<CensusRow> ListCensus(string uscc) =>
        ReadCensus("SELECT id, uscc, platform, account_id, domain, name, verified, submitted_at FROM census WHERE uscc = $u ORDER BY seq", ("$u", uscc));

    /// <inheritdoc />
    public IReadOnlyList<CensusRow> ListPendingCensusAttachments(string platform) =>
        ReadCensus("""
            SELECT c.id, c.uscc, c.platform, c.account_id, c.domain, c.name, c.verified, c.submitted_at FROM census c
            WHERE c.platform = $p AND c.verified = 1 AND c.account_id IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM badges b WHERE b.kind = 'platformAccount' AND b.status = 'active'
                              AND b.platform = c.platform AND b.account_id = c.account_id)
            ORDER BY c.seq
            """, ("$p", platform));

    private List<CensusRow> ReadCensus(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = Open();
        using var command = Command(connection, null, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<CensusRow>();
        while (reader.Read())
        {
            rows.Add(new CensusRow(
                reader.GetString(0), reader.GetString(1), Nullable(reader, 2), Nullable(reader, 3), Nullable(reader, 4),
                reader.GetString(5), reader.GetInt64(6) != 0, ParseTime(reader.GetString(7))));
        }

        return rows;
    }

    /// <inheritdoc />
    public IdempotencyRow? GetIdempotency(string principal, string key)
    {
        using var connection = Open();
        using var command = Command(connection, null,
            "SELECT request_hash, status, content_type, body FROM idempotency WHERE principal = $p AND key = $k", ("$p", principal), ("$k", key));
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new IdempotencyRow(reader.GetString(0), reader.GetInt32(1), Nullable(reader, 2), (byte[])reader.GetValue(3))
            : null;
    }

    /// <inheritdoc />
    public void PutIdempotency(string principal, string key, IdempotencyRow row, DateTimeOffset at)
    {
        using var connection = Open();
        Execute(connection, null, """
            INSERT INTO idempotency (principal, key, request_hash, status, content_type, body, created_at)
            VALUES ($p, $k, $h, $s, $ct, $b, $at) ON CONFLICT(principal, key) DO NOTHING
            """, ("$p", principal), ("$k", key), ("$h", row.RequestHash), ("$s", row.Status), ("$ct", row.ContentType),
            ("$b", row.Body), ("$at", Time(at)));
    }

    /// <inheritdoc />
    public void InsertCredential(CredentialRow credential)
    {
        using var connection = Open();
        Execute(connection, null, "INSERT INTO credentials (serial, owner, issued_at, not_after) VALUES ($s, $o, $i, $n)",
            ("$s", credential.SerialNumber), ("$o", credential.Owner), ("$i", Time(credential.IssuedAt)), ("$n", Time(credential.NotAfter)));
    }

    /// <inheritdoc />
    public CredentialRow? GetCredential(string serialNumber)
    {
        using var connection = Open();
        using var command = Command(connection, null, "SELECT serial, owner, issued_at, not_after, revoked_at, revoked_by FROM credentials WHERE serial = $s", ("$s", serialNumber));
        using var r = command.ExecuteReader();
        return r.Read()
            ? new CredentialRow(r.GetString(0), r.GetString(1), ParseTime(r.GetString(2)), ParseTime(r.GetString(3)), r.IsDBNull(4) ? null : ParseTime(r.GetString(4)), Nullable(r, 5))
            : null;
    }

    /// <inheritdoc />
    public bool RevokeCredential(string serialNumber, string revokedBy, DateTimeOffset at)
    {
        using var connection = Open();
        return Execute(connection, null, "UPDATE credentials SET revoked_at = $at, revoked_by = $by WHERE serial = $s AND revoked_at IS NULL",
            ("$s", serialNumber), ("$at", Time(at)), ("$by", revokedBy)) == 1;
    }

    /// <inheritdoc />
    public string? GetSetting(string key)
    {
        using var connection = Open();
        return Scalar<string>(connection, "SELECT value FROM settings WHERE key = $k", ("$k", key));
    }

    /// <inheritdoc />
    public string PutSettingIfAbsent(string key, string value)
    {
        using var connection = Open();
        Execute(connection, null, "INSERT INTO settings (key, value) VALUES ($k, $v) ON CONFLICT(key) DO NOTHING", ("$k", key), ("$v", value));
        return Scalar<string>(connection, "SELECT value FROM settings WHERE key = $k", ("$k", key))!;
    }

    private const string BadgeSelect = """
        SELECT id, kind, status, version, uscc, organizer, online_name, domain, platform, account_id, legacy,
               issued_at, updated_at, superseded_by, supersedes, revocation_reason FROM badges
        """;

    private const string GrantSelect = """
        SELECT id, uscc, platform, account_id, operator_id, granted_by, granted_at, revoked_by, revoked_at FROM grants
        """;

    private static BadgeRow ReadBadge(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        Kind = r.GetString(1),
        Status = r.GetString(2),
        Version = r.GetInt32(3),
        Uscc = r.GetString(4),
        OrganizerName = r.GetString(5),
        OnlineName = r.GetString(6),
        Domain = Nullable(r, 7),
        Platform = Nullable(r, 8),
        AccountId = Nullable(r, 9),
        Legacy = r.GetInt64(10) != 0,
        IssuedAt = ParseTime(r.GetString(11)),
        UpdatedAt = ParseTime(r.GetString(12)),
        SupersededBy = Nullable(r, 13),
        Supersedes = Nullable(r, 14),
        RevocationReason = Nullable(r, 15),
    };

    private static GrantRow ReadGrant(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
        ParseTime(r.GetString(6)), Nullable(r, 7), r.IsDBNull(8) ? null : ParseTime(r.GetString(8)));

    private static void Audit(SqliteConnection connection, SqliteTransaction transaction, string uscc, DateTimeOffset at, string actor, string action, string target) =>
        Execute(connection, transaction, "INSERT INTO audit (uscc, at, actor, action, target) VALUES ($u, $at, $actor, $action, $target)",
            ("$u", uscc), ("$at", Time(at)), ("$actor", actor), ("$action", action), ("$target", target));

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static int Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static T? Scalar<T>(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, null, sql, parameters);
        var value = command.ExecuteScalar();
        return value is null or DBNull ? default : (T)value;
    }

    private static string? Nullable(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static string Time(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
