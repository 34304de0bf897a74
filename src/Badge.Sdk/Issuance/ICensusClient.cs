using Badge.Sdk.Identity;
using Badge.Sdk.Platforms;

namespace Badge.Sdk.Issuance;

/// <summary>
/// The authority's census API (protocol v1): government internet-application census records (互联网政务应用普查信息)
/// an institution files, and the census route by which platforms attach badges to verified accounts. Registered by
/// <c>AddBadgeAuthorityClient</c> on the same connection and options
/// as <see cref="IBadgeAuthorityClient"/>. Every failure of the service throws <see cref="BadgeAuthorityException"/>.
/// </summary>
public interface ICensusClient
{
    /// <summary>Files census entries (<c>POST /api/v1/census-records</c>).</summary>
    /// <param name="submission">The entries.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored records.</returns>
    Task<IReadOnlyList<CensusRecord>> SubmitCensusRecordsAsync(CensusSubmission submission, CancellationToken cancellationToken = default);

    /// <summary>Lists an institution's census records.</summary>
    /// <param name="uscc">The institution.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The records.</returns>
    Task<IReadOnlyList<CensusRecord>> ListCensusRecordsAsync(UnifiedSocialCreditCode uscc, CancellationToken cancellationToken = default);

    /// <summary>
    /// The census route for verified accounts: the accounts on <paramref name="platform"/> that an institution's census
    /// record says are verified and must carry a badge, and that carry none yet. The platform attaches each (issues
    /// its platform-account badge), which takes it off the list. Platform keys read their own platform only.
    /// </summary>
    /// <param name="platform">The platform.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The census records, oldest first.</returns>
    Task<IReadOnlyList<CensusRecord>> ListCensusAttachmentsAsync(PlatformId platform, CancellationToken cancellationToken = default);
}
