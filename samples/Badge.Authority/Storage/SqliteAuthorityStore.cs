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
