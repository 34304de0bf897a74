namespace Badge.Sdk.Platforms;

/// <summary>The codes of <see cref="CertificationException.Code"/>; stable across versions so a host can map them to its own text.</summary>
public static class CertificationReasonCodes
{
    /// <summary>The account already has a certification.</summary>
    public const string AlreadyStarted = "already_started";

    /// <summary>Another call changed the certification between the read and the write; read it again.</summary>
    public const string ConcurrentChange = "concurrent_change";

    /// <summary>The code or name typed is not the institution's (单位名称或统一社会信用代码不一致).</summary>
    public const string IdentityMismatch = "identity_mismatch";

    /// <summary>No approved QR challenge for this account and institution since the certification (re)started.</summary>
    public const string IdentityNotVerified = "identity_not_verified";

    /// <summary>The completion does not carry what the step needs.</summary>
    public const string NeedsMissing = "needs_missing";

    /// <summary>The certification is not waiting for the platform's review.</summary>
    public const string NotAwaitingReview = "not_awaiting_review";

    /// <summary>The certification is not blocked by a prerequisite.</summary>
    public const string NotBlocked = "not_blocked";

    /// <summary>The platform's verified flow is not the census route.</summary>
    public const string NotCensusRoute = "not_census_route";

    /// <summary>The operator holds no grant of the credential for the account.</summary>
    public const string NotGranted = "not_granted";

    /// <summary>The certification is not walking its steps.</summary>
    public const string NotInProgress = "not_in_progress";

    /// <summary>The certification was not rejected, so it cannot resume from a step.</summary>
    public const string NotRejected = "not_rejected";

    /// <summary>The step is already done.</summary>
    public const string StepRepeated = "step_repeated";

    /// <summary>No certification has the id.</summary>
    public const string UnknownCertification = "unknown_certification";

    /// <summary>No adapter is registered for the platform.</summary>
    public const string UnknownPlatform = "unknown_platform";

    /// <summary>The flow has no such step.</summary>
    public const string UnknownStep = "unknown_step";

    /// <summary>The platform has no flow for the account variant.</summary>
    public const string UnknownVariant = "unknown_variant";

    /// <summary>The step is not the completing actor's (operator, platform or authority).</summary>
    public const string WrongActor = "wrong_actor";

    /// <summary>An earlier step is not done yet.</summary>
    public const string WrongOrder = "wrong_order";
}
