using Badge.Sdk.Platforms;

namespace Badge.Sdk.Issuance;

/// <summary>One entry of an institution's audit trail: who did what, and when.</summary>
public sealed record AuditEntry
{
    /// <summary>When.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Who: the administrator whose signature the authority verified, or the API principal.</summary>
    public required string Actor { get; init; }

    /// <summary>
    /// What, for example <c>grant.created</c>, <c>grant.revoked</c>, <c>administrator.appointed</c>, or
    /// <c>badge.issued-on-consent</c> (a platform-account badge, the actor being the operator whose answer consented).
    /// </summary>
    public required string Action { get; init; }

    /// <summary>What it was done to, for example <c>weibo/acct-1/op-7</c>.</summary>
    public required string Target { get; init; }
}
