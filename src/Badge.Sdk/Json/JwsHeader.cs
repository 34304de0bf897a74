namespace Badge.Sdk.Json;

// The protected header of every compact JWS the SDK writes or reads: certificate documents carry `kid`, challenge
// requests, answers and administrator requests carry the signer's chain in `x5c`.
internal sealed record JwsHeader
{
    public string? Alg { get; init; }

    public string? Typ { get; init; }

    public string? Kid { get; init; }

    public IReadOnlyList<string>? X5c { get; init; }
}
