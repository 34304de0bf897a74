namespace Badge.Sdk.AspNetCore.Footer.Scanning;

/// <summary>A parsed Content-Type: whether it is HTML, and its charset if it names one.</summary>
internal sealed record ContentTypeInfo(string? Value, bool IsHtml, string? Charset);
