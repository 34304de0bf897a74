namespace Badge.Authority.Storage;

// Credential certificates the authority issued, and their revocation.
public sealed partial class SqliteAuthorityStore
{
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
}
