using Microsoft.Data.Sqlite;

namespace Badge.Authority.Storage;

// Administrators, operator grants and the audit trail their changes write.
public sealed partial class SqliteAuthorityStore
{
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

    private const string GrantSelect = """
        SELECT id, uscc, platform, account_id, operator_id, granted_by, granted_at, revoked_by, revoked_at FROM grants
        """;

    private static GrantRow ReadGrant(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
        ParseTime(r.GetString(6)), Nullable(r, 7), r.IsDBNull(8) ? null : ParseTime(r.GetString(8)));

    private static void Audit(SqliteConnection connection, SqliteTransaction transaction, string uscc, DateTimeOffset at, string actor, string action, string target) =>
        Execute(connection, transaction, "INSERT INTO audit (uscc, at, actor, action, target) VALUES ($u, $at, $actor, $action, $target)",
            ("$u", uscc), ("$at", Time(at)), ("$actor", actor), ("$action", action), ("$target", target));
}
