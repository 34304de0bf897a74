using Badge.Sdk.Identity;
using Badge.Sdk.Platforms;
using Badge.Sdk.Certificates;

namespace Badge.Sdk.Issuance;

/// <summary>
/// Asks the authority for a badge (领取网上标识). Fields hold what a person typed; the authority validates them
/// and answers a bad one with a problem naming the field. Use <see cref="ForWebsite"/> or
/// <see cref="ForPlatformAccount(UnifiedSocialCreditCode, OrganizerName, OnlineName, PlatformId, string, string)"/> to build one from values already validated.
/// </summary>
public sealed record IssueBadgeRequest
{
    /// <summary>What the badge vouches for.</summary>
    public BadgeKind Kind { get; init; }

    /// <summary>The institution's unified social credit code.</summary>
    public string? Uscc { get; init; }

    /// <summary>The organizer name (主办单位名称) the certificate page will show.</summary>
    public string? OrganizerName { get; init; }

    /// <summary>The online name (网上名称) of the site or account.</summary>
    public string? OnlineName { get; init; }

    /// <summary>For a website: its domain.</summary>
    public string? Domain { get; init; }

    /// <summary>For a platform account: the platform id.</summary>
    public string? Platform { get; init; }

    /// <summary>For a platform account: the account id on the platform.</summary>
    public string? AccountId { get; init; }

    /// <summary>
    /// For a platform account: the institution's consent, the signed challenge answer (compact JWS) its credential app
    /// produced for this platform, account and operator. The authority verifies its signature, chain, revocation,
    /// binding and the operator's grant itself, and accepts each answer for one badge only. Required, except on the
    /// census route (<see cref="CensusRecordId"/>).
    /// </summary>
    public string? Consent { get; init; }

    /// <summary>
    /// For the census route (verified accounts, no operator action): the census record the authority listed for
    /// attachment. Given instead of <see cref="Consent"/>, with <see cref="VerifiedSubject"/>.
    /// </summary>
    public string? CensusRecordId { get; init; }

    /// <summary>
    /// For the census route: the code the platform itself verified for the account (its "V" verification's subject);
    /// the authority refuses the badge unless it is the census record's institution.
    /// </summary>
    public string? VerifiedSubject { get; init; }

    /// <summary>A website badge request from validated values.</summary>
    /// <param name="uscc">The institution's code.</param>
    /// <param name="organizer">The organizer name.</param>
    /// <param name="onlineName">The site's online name.</param>
    /// <param name="domain">The site's domain.</param>
    /// <returns>The request.</returns>
    public static IssueBadgeRequest ForWebsite(UnifiedSocialCreditCode uscc, OrganizerName organizer, OnlineName onlineName, SiteDomain domain) => new()
    {
        Kind = BadgeKind.Website,
        Uscc = uscc.ToString(),
        OrganizerName = organizer.Value,
        OnlineName = onlineName.Value,
        Domain = domain.Ascii,
    };

    /// <summary>A platform-account badge request from validated values, carrying the institution's consent.</summary>
    /// <param name="uscc">The institution's code.</param>
    /// <param name="organizer">The organizer name.</param>
    /// <param name="onlineName">The account's online name.</param>
    /// <param name="platform">The platform.</param>
    /// <param name="accountId">The account id on the platform.</param>
    /// <param name="consent">The approved challenge answer (compact JWS) the platform verified.</param>
    /// <returns>The request.</returns>
    public static IssueBadgeRequest ForPlatformAccount(
        UnifiedSocialCreditCode uscc, OrganizerName organizer, OnlineName onlineName, PlatformId platform, string accountId, string consent) =>
        ForPlatformAccount(uscc, organizer, onlineName, platform, accountId) with { Consent = consent };

    /// <summary>A platform-account badge request on the census route (the platform attaches a verified account).</summary>
    /// <param name="record">The census record the authority listed.</param>
    /// <param name="organizer">The organizer name.</param>
    /// <param name="onlineName">The account's online name.</param>
    /// <param name="platform">The platform.</param>
    /// <param name="verifiedSubject">The code the platform verified for the account itself.</param>
    /// <returns>The request.</returns>
    public static IssueBadgeRequest ForCensusAttachment(CensusRecord record, OrganizerName organizer, OnlineName onlineName, PlatformId platform, UnifiedSocialCreditCode verifiedSubject)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new()
        {
            Kind = BadgeKind.PlatformAccount,
            Uscc = record.Uscc.ToString(),
            OrganizerName = organizer.Value,
            OnlineName = onlineName.Value,
            Platform = platform.Value,
            AccountId = record.AccountId,
            CensusRecordId = record.Id,
            VerifiedSubject = verifiedSubject.ToString(),
        };
    }

    /// <summary>A platform-account badge request from validated values, without consent (add <see cref="Consent"/> or use the census route).</summary>
    /// <param name="uscc">The institution's code.</param>
    /// <param name="organizer">The organizer name.</param>
    /// <param name="onlineName">The account's online name.</param>
    /// <param name="platform">The platform.</param>
    /// <param name="accountId">The account id on the platform.</param>
    /// <returns>The request.</returns>
    public static IssueBadgeRequest ForPlatformAccount(
        UnifiedSocialCreditCode uscc, OrganizerName organizer, OnlineName onlineName, PlatformId platform, string accountId) => new()
    {
        Kind = BadgeKind.PlatformAccount,
        Uscc = uscc.ToString(),
        OrganizerName = organizer.Value,
        OnlineName = onlineName.Value,
        Platform = platform.Value,
        AccountId = accountId,
    };
}
