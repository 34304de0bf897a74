using Microsoft.Data.Sqlite;

namespace Badge.Authority.Storage;

// Domain control: pending website badges and their validation tokens.
public sealed partial class SqliteAuthorityStore
{
    /// <inheritdoc />
    public WriteOutcome InsertWebsiteBadge(BadgeRow badge, string? validationToken)
    {
        ArgumentNullException.ThrowIfNull(badge);
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        try
        {
            InsertBadgeRow(connection, transaction, badge with { Kind = "website", Platform = null, AccountId = null, Legacy = false });
            if (validationToken is not null)
            {
                Execute(connection, transaction, "INSERT INTO domain_validations (badge_id, token, created_at) VALUES ($id, $token, $at)",
                    ("$id", badge.Id), ("$token", validationToken), ("$at", Time(badge.IssuedAt)));
            }

            transaction.Commit();
            return WriteOutcome.Written;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            transaction.Rollback();
            return ex.Message.Contains("badges.domain", StringComparison.Ordinal) ? WriteOutcome.DuplicateDomain : WriteOutcome.DuplicateId;
        }
    }

    /// <inheritdoc />
    public DomainValidationRow? GetDomainValidation(string badgeId)
    {
        using var connection = Open();
        using var command = Command(connection, null,
            "SELECT badge_id, token, created_at, last_checked_at, last_error FROM domain_validations WHERE badge_id = $id", ("$id", badgeId));
        using var r = command.ExecuteReader();
        return r.Read()
            ? new DomainValidationRow(r.GetString(0), r.GetString(1), ParseTime(r.GetString(2)), r.IsDBNull(3) ? null : ParseTime(r.GetString(3)), Nullable(r, 4))
            : null;
    }

    /// <inheritdoc />
    public void RecordDomainCheck(string badgeId, DateTimeOffset at, string? failure)
    {
        using var connection = Open();
        Execute(connection, null, "UPDATE domain_validations SET last_checked_at = $at, last_error = $error WHERE badge_id = $id",
            ("$id", badgeId), ("$at", Time(at)), ("$error", failure));
    }

    /// <inheritdoc />
    public IReadOnlyList<BadgeRow> ListPendingWebsiteBadges(int limit) => ReadBadges(BadgeSelect + """
         WHERE kind = 'website' AND status = 'pending'
         ORDER BY (SELECT COALESCE(v.last_checked_at, '') FROM domain_validations v WHERE v.badge_id = badges.id), seq LIMIT $limit
        """, ("$limit", limit));

    /// <inheritdoc />
    public WriteOutcome ActivateWebsiteBadge(string badgeId, DateTimeOffset at)
    {
        using var connection = Open();
        try
        {
            return Execute(connection, null, """
                UPDATE badges SET status = 'active', version = version + 1, updated_at = $at
                WHERE id = $id AND status = 'pending' AND kind = 'website'
                """, ("$id", badgeId), ("$at", Time(at))) == 1 ? WriteOutcome.Written : WriteOutcome.DuplicateId;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            return WriteOutcome.DuplicateDomain;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<BadgeRow> ListActiveWebsiteBadgesAround(string asciiDomain)
    {
        ArgumentException.ThrowIfNullOrEmpty(asciiDomain);
        var parameters = new List<(string Name, object? Value)> { ("$d", asciiDomain), ("$sub", "%." + asciiDomain) };
        var names = new List<string> { "$d" };
        var labels = asciiDomain.Split('.');
        for (var i = 1; i < labels.Length; i++)
        {
            names.Add("$a" + i);
            parameters.Add(("$a" + i, string.Join('.', labels[i..])));
        }

        return ReadBadges(BadgeSelect + $"""
             WHERE kind = 'website' AND status = 'active' AND (domain IN ({string.Join(", ", names)}) OR domain LIKE $sub)
             ORDER BY length(domain) DESC, seq
            """, [.. parameters]);
    }

    private List<BadgeRow> ReadBadges(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = Open();
        using var command = Command(connection, null, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<BadgeRow>();
        while (reader.Read())
        {
            rows.Add(ReadBadge(reader));
        }

        return rows;
    }

    private static void EnsureDomainTables(SqliteConnection connection) => Execute(connection, null, """
        CREATE TABLE IF NOT EXISTS domain_validations (
            badge_id TEXT PRIMARY KEY, token TEXT NOT NULL, created_at TEXT NOT NULL, last_checked_at TEXT, last_error TEXT);
        """);
}
