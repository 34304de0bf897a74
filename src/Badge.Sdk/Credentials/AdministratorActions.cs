namespace Badge.Sdk.Credentials;

/// <summary>What an administrator's signed request does.</summary>
public static class AdministratorActions
{
    /// <summary>Grant an operator use of the credential for one platform account.</summary>
    public const string Grant = "grant";

    /// <summary>Revoke a grant.</summary>
    public const string RevokeGrant = "revoke-grant";

    /// <summary>Appoint an administrator (管理人); the primary administrator only.</summary>
    public const string Appoint = "appoint";
}
