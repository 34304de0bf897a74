namespace Badge.Authority.Storage;

// The census: an institution's records, and the verified accounts on a platform that still need a badge.
public sealed partial class SqliteAuthorityStore
{
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
}
