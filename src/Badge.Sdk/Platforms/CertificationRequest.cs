using Badge.Sdk.Identity;

namespace Badge.Sdk.Platforms;

/// <summary>Starts a certification.</summary>
/// <param name="Platform">The platform.</param>
/// <param name="Variant">The account's variant.</param>
/// <param name="AccountId">The account.</param>
/// <param name="AccountName">Its name (the online name on the badge).</param>
/// <param name="Uscc">The institution's code.</param>
/// <param name="InstitutionName">The institution's name.</param>
/// <param name="OperatorId">The operator.</param>
public sealed record CertificationRequest(
    PlatformId Platform, AccountVariant Variant, string AccountId, OnlineName AccountName, UnifiedSocialCreditCode Uscc, OrganizerName InstitutionName, string OperatorId)
{
    /// <summary>The <see cref="PrerequisiteKind.OperatorConfirms"/> prerequisites the operator confirmed, by id.</summary>
    public IReadOnlyCollection<string> Confirmed { get; init; } = [];
}
