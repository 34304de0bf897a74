namespace Badge.Authority.Storage;

public sealed partial class SqliteAuthorityStore
{
    /// <inheritdoc />
    public IReadOnlyList<GrantRow> ListGrants(string uscc)
    {
        using var connection = Open();
        using var command = Command(connection, null, GrantSelect + " WHERE uscc = $u ORDER BY granted_at, id", ("$u", uscc));
        using var reader = command.ExecuteReader();
        var rows = new List<GrantRow>();
        while (reader.Read())
        {
            rows.Add(ReadGrant(reader));
        }

        return rows;
    }

    /// <inheritdoc />
    public IReadOnlyList<AdministratorRow> ListAdministrators(string uscc)
    {
        using var connection = Open();
        using var command = Command(connection, null,
            "SELECT admin_id, appointed_by, appointed_at FROM administrators WHERE uscc = $u ORDER BY appointed_at, admin_id", ("$u", uscc));
        using var reader = command.ExecuteReader();
        var rows = new List<AdministratorRow>();
        while (reader.Read())
        {
            rows.Add(new AdministratorRow(reader.GetString(0), reader.GetString(1), ParseTime(reader.GetString(2))));
        }

        return rows;
    }

    /// <inheritdoc />
    public bool UpdateCensus(string uscc, CensusRow record, string actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        var changed = Execute(connection, transaction, """
            UPDATE census SET platform = $p, account_id = $a, domain = $d, name = $n, verified = $v
            WHERE id = $id AND uscc = $u
            """, ("$id", record.Id), ("$u", uscc), ("$p", record.Platform), ("$a", record.AccountId), ("$d", record.Domain),
            ("$n", record.Name), ("$v", record.Verified ? 1 : 0));
        if (changed != 1)
        {
            transaction.Rollback();
            return false;
        }

        Audit(connection, transaction, uscc, at, actor, "census.updated", record.Id);
        transaction.Commit();
        return true;
    }
}
