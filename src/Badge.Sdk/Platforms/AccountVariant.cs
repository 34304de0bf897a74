namespace Badge.Sdk.Platforms;

/// <summary>The variant of a certification flow: the account's verification state and the channel.</summary>
/// <param name="Verification">Verified or not.</param>
/// <param name="Channel">Web or phone. Default web.</param>
public readonly record struct AccountVariant(AccountVerification Verification, AccountChannel Channel = AccountChannel.Web)
{
    /// <summary>An unverified account on the web.</summary>
    public static AccountVariant Unverified { get; } = new(AccountVerification.Unverified);

    /// <summary>A verified account on the web.</summary>
    public static AccountVariant Verified { get; } = new(AccountVerification.Verified);

    /// <summary>An unverified account, on the phone app.</summary>
    public static AccountVariant UnverifiedOnPhone { get; } = new(AccountVerification.Unverified, AccountChannel.Phone);

    /// <inheritdoc />
    public override string ToString() => Channel == AccountChannel.Web ? Verification.ToString().ToLowerInvariant() : $"{Verification.ToString().ToLowerInvariant()}/{Channel.ToString().ToLowerInvariant()}";
}
