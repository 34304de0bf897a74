using Microsoft.Data.Sqlite;

namespace Badge.Authority.Storage;

public sealed partial class SqliteAuthorityStore
{
    /// <inheritdoc />
    public WriteOutcome InsertBadgeWithProof(BadgeRow badge, string proofKey, string consentedBy, out bool proofUsed)
    {
        ArgumentNullException.ThrowIfNull(badge);
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        proofUsed = Execute(connection, transaction,
            "INSERT INTO used_proofs (proof_key, badge_id, used_at) VALUES ($k, $b, $at) ON CONFLICT(proof_key) DO NOTHING",
            ("$k", proofKey), ("$b", badge.Id), ("$at", Time(badge.IssuedAt))) == 0;
        if (proofUsed)
        {
            transaction.Rollback();
            return WriteOutcome.Written;
        }

        try
        {
            InsertBadgeRow(connection, transaction, badge);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            // Refused badge: the consent stays unused (the platform may ask again once the account is free).
            transaction.Rollback();
            return Refused(ex);
        }

        Audit(connection, transaction, badge.Uscc, badge.IssuedAt, consentedBy, "badge.issued-on-consent", $"{badge.Platform}/{badge.AccountId}/{badge.Id}");
        transaction.Commit();
        return WriteOutcome.Written;
    }

    /// <inheritdoc />
    public CensusRow? GetCensus(string id) =>
        ReadCensus("SELECT id, uscc, platform, account_id, domain, name, verified, submitted_at FROM census WHERE id = $id", ("$id", id)).FirstOrDefault();

    /// <inheritdoc />
    public bool TryUseSignedRequest(string uscc, string nonce, DateTimeOffset at)
    {
        using var connection = Open();
        return Execute(connection, null,
            "INSERT INTO signed_requests (uscc, nonce, seen_at) VALUES ($u, $n, $at) ON CONFLICT(uscc, nonce) DO NOTHING",
            ("$u", uscc), ("$n", nonce), ("$at", Time(at))) == 1;
    }

    /// <inheritdoc />
    public void PutEnrollmentCode(string codeHash, string uscc, string administratorId, DateTimeOffset at)
    {
        using var connection = Open();
        Execute(connection, null, """
            INSERT INTO enrollment_codes (code_hash, uscc, admin_id, created_at, used_at) VALUES ($h, $u, $a, $at, NULL)
            ON CONFLICT(code_hash) DO NOTHING
            """, ("$h", codeHash), ("$u", uscc), ("$a", administratorId), ("$at", Time(at)));
    }

    /// <inheritdoc />
    public bool UseEnrollmentCode(string codeHash, string uscc, string administratorId, DateTimeOffset at)
    {
        using var connection = Open();
        return Execute(connection, null, """
            UPDATE enrollment_codes SET used_at = $at
            WHERE code_hash = $h AND uscc = $u AND admin_id = $a AND used_at IS NULL
            """, ("$h", codeHash), ("$u", uscc), ("$a", administratorId), ("$at", Time(at))) == 1;
    }

    private static void EnsureTrustSchema(SqliteConnection connection) =>
        Execute(connection, null, """
            CREATE TABLE IF NOT EXISTS used_proofs (proof_key TEXT PRIMARY KEY, badge_id TEXT NOT NULL, used_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS signed_requests (
                uscc TEXT NOT NULL, nonce TEXT NOT NULL, seen_at TEXT NOT NULL, PRIMARY KEY (uscc, nonce));
            CREATE TABLE IF NOT EXISTS enrollment_codes (
                code_hash TEXT PRIMARY KEY, uscc TEXT NOT NULL, admin_id TEXT NOT NULL, created_at TEXT NOT NULL, used_at TEXT);
            """);
}
