using Microsoft.Net.Http.Headers;

namespace Badge.Sdk.AspNetCore.Footer.Scanning;

/// <summary>
/// What a Content-Type says, parsed once per distinct string instance: an app, a static file provider or MVC sets
/// the same instance on every response, so the last one is kept. One per middleware instance (no process-wide
/// state); the kept value is immutable, so sharing it between requests is safe.
/// </summary>
internal sealed class ContentTypeCache
{
    private ContentTypeInfo? _last;

    public ContentTypeInfo Of(string? value)
    {
        var last = Volatile.Read(ref _last);
        if (last is not null && ReferenceEquals(last.Value, value))
        {
            return last;
        }

        var parsed = MediaTypeHeaderValue.TryParse(value, out var type);
        var info = new ContentTypeInfo(
            value,
            parsed && type!.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase),
            parsed && type!.Charset.HasValue ? type.Charset.Value : null);
        Volatile.Write(ref _last, info);
        return info;
    }
}
