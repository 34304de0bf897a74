using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Badge.Authority.Storage;

// Badges: issuing, reading, listing, revoking and superseding.
public sealed partial class SqliteAuthorityStore
{
    /// <inheritdoc />
    public WriteOutcome InsertBadge(BadgeRow badge)
    {
        using var connection = Open();
        try
        {
            InsertBadgeRow(connection, null, badge);
            return WriteOutcome.Written;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            return Refused(ex);
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

    // The one INSERT of a badge row; the caller owns the transaction, if any.
    private static void InsertBadgeRow(SqliteConnection connection, SqliteTransaction? transaction, BadgeRow badge) =>
        Execute(connection, transaction, """
            INSERT INTO badges (id, kind, status, version, uscc, organizer, online_name, domain, platform, account_id, legacy,
                                issued_at, updated_at, superseded_by, supersedes, revocation_reason, seq)
            VALUES ($id, $kind, $status, $version, $uscc, $organizer, $online, $domain, $platform, $account, $legacy,
                    $issued, $updated, NULL, NULL, NULL, (SELECT COALESCE(MAX(seq), 0) + 1 FROM badges))
            """,
            ("$id", badge.Id), ("$kind", badge.Kind), ("$status", badge.Status), ("$version", badge.Version),
            ("$uscc", badge.Uscc), ("$organizer", badge.OrganizerName), ("$online", badge.OnlineName),
            ("$domain", badge.Domain), ("$platform", badge.Platform), ("$account", badge.AccountId),
            ("$legacy", badge.Legacy ? 1 : 0), ("$issued", Time(badge.IssuedAt)), ("$updated", Time(badge.UpdatedAt)));

    // Which unique index refused a badge (SQLite error 19, a constraint).
    private static WriteOutcome Refused(SqliteException ex) =>
        ex.Message.Contains("badges.id", StringComparison.Ordinal) ? WriteOutcome.DuplicateId
        : ex.Message.Contains("badges.domain", StringComparison.Ordinal) ? WriteOutcome.DuplicateDomain
        : WriteOutcome.DuplicateAccount;

    private const string BadgeSelect = """
        SELECT id, kind, status, version, uscc, organizer, online_name, domain, platform, account_id, legacy,
               issued_at, updated_at, superseded_by, supersedes, revocation_reason FROM badges
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
}
