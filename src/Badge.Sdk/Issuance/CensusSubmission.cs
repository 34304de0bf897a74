namespace Badge.Sdk.Issuance;

/// <summary>
/// Government internet-application census entries (互联网政务应用普查信息) an institution files: its websites and
/// platform accounts. Verified Kuaishou accounts get their badge from these, with no action by the operator.
/// </summary>
public sealed record CensusSubmission
{
    /// <summary>The institution's code.</summary>
    public string? Uscc { get; init; }

    /// <summary>The entries.</summary>
    public IReadOnlyList<CensusEntry>? Entries { get; init; }
}
