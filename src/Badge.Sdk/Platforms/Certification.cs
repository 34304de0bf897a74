using Badge.Sdk.Identity;

namespace Badge.Sdk.Platforms;

/// <summary>One account's certification, walked step by step through its platform's flow.</summary>
public sealed record Certification
{
    /// <summary>The id: <c>{platform}:{account}</c> (one certification per account at a time).</summary>
    public required string Id { get; init; }

    /// <summary>The platform.</summary>
    public required PlatformId Platform { get; init; }

    /// <summary>The account variant, which chose the flow.</summary>
    public required AccountVariant Variant { get; init; }

    /// <summary>The account on the platform.</summary>
    public required string AccountId { get; init; }

    /// <summary>The account's name (its online name on the badge).</summary>
    public required OnlineName AccountName { get; init; }

    /// <summary>The institution's code, as the operator gave it.</summary>
    public required UnifiedSocialCreditCode Uscc { get; init; }

    /// <summary>The institution's name, as the operator gave it.</summary>
    public required OrganizerName InstitutionName { get; init; }

    /// <summary>The operator who started it.</summary>
    public required string OperatorId { get; init; }

    /// <summary>Where it stands.</summary>
    public CertificationState State { get; init; }

    /// <summary>The steps completed, in order.</summary>
    public IReadOnlyList<string> CompletedSteps { get; init; } = [];

    /// <summary>What completions carried (fee reference, invoice title, nickname, contact…), by name.</summary>
    public IReadOnlyDictionary<string, string> Facts { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The approved QR challenge of the identity step.</summary>
    public string? ChallengeId { get; init; }

    /// <summary>The prerequisite that blocks it.</summary>
    public string? BlockedBy { get; init; }

    /// <summary>Why it is blocked or rejected.</summary>
    public string? Reason { get; init; }

    /// <summary>The badge, once issued.</summary>
    public string? BadgeId { get; init; }

    /// <summary>Every transition, oldest first.</summary>
    public IReadOnlyList<CertificationTransition> History { get; init; } = [];

    /// <summary>Increases with every change; the store's compare-and-swap compares it.</summary>
    public int Version { get; init; }

    // The id of an account's certification: the stores' key scheme, not a contract (read by account with
    // CertificationRunner.GetByAccountAsync(platform, accountId)).
    internal static string IdFor(PlatformId platform, string accountId) => $"{platform.Value}:{accountId}";
}
