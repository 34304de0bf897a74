using Badge.Sdk.Identity;

namespace Badge.Sdk.Platforms;

/// <summary>
/// The platform's own records of its verified accounts: for an account that carries the platform's "V"
/// verification (已加V), the institution the platform verified it for. The census route asks it before attaching a
/// badge, so a census entry claiming another institution's account is refused (register it with
/// <c>services.AddSingleton&lt;IVerifiedAccountSubjects, YourDirectory&gt;()</c>; without one, nothing is attached
/// from the census).
/// </summary>
public interface IVerifiedAccountSubjects
{
    /// <summary>The code of the institution the platform verified the account for.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="accountId">The account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The code, or <see langword="null"/> when the account is unknown or not verified.</returns>
    ValueTask<UnifiedSocialCreditCode?> FindVerifiedSubjectAsync(PlatformId platform, string accountId, CancellationToken cancellationToken = default);
}
