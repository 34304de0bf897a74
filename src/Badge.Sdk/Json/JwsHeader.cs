namespace Badge.Sdk.Json;

internal sealed record JwsHeader
{
    public string? Alg { get; init; }

    public string? Typ { get; init; }

    public string? Kid { get; init; }
}
