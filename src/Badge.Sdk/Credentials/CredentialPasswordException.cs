namespace Badge.Sdk.Credentials;

/// <summary>The certificate password did not open the credential.</summary>
public sealed class CredentialPasswordException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cryptographic failure.</param>
    public CredentialPasswordException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
