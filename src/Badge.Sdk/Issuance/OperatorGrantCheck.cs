using Badge.Sdk.Platforms;

namespace Badge.Sdk.Issuance;

/// <summary>Whether an operator grant holds for (institution, platform, account, operator).</summary>
public sealed record OperatorGrantCheck
{
    /// <summary>Whether a grant holds.</summary>
    public required bool Granted { get; init; }

    /// <summary>The grant that holds, if one does.</summary>
    public string? GrantId { get; init; }
}
