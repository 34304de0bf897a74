namespace Badge.Sdk.Json;

// RFC 9457 problem details as the authority writes them, with its `code`, `field` and `reason` extensions.
internal sealed record ProblemDocument
{
    public string? Type { get; init; }

    public string? Title { get; init; }

    public int? Status { get; init; }

    public string? Detail { get; init; }

    public string? Code { get; init; }

    public string? Field { get; init; }

    public string? Reason { get; init; }

    public string? TraceId { get; init; }
}
