using Microsoft.Extensions.Primitives;

namespace Badge.Sdk.AspNetCore.Footer;

// A page with the footer is another representation than the app's: its validator is the app's own, made weak and
// suffixed with the badge's version tag. A validator the client sends back is mapped to the app's own only while
// the badge is unchanged, so the app's 304 stays right and a changed badge never comes from a stale cache.
internal static class ETags
{
    public static string Version(string original, string versionTag)
    {
        var weak = original.StartsWith("W/", StringComparison.Ordinal);
        var opaque = Opaque(original);
        return $"W/\"{opaque}-b{(weak ? 'w' : 's')}{versionTag}\"";
    }

    // Maps If-None-Match values we issued back to the app's own; drops ours of another badge version.
    public static StringValues MapIfNoneMatch(StringValues header, string versionTag, out bool mapped)
    {
        mapped = false;
        var result = new List<string>();
        foreach (var value in header)
        {
            foreach (var raw in (value ?? string.Empty).Split(','))
            {
                var tag = raw.Trim();
                if (tag.Length == 0)
                {
                    continue;
                }

                if (TryParseVersioned(tag, out var opaque, out var weak, out var tagVersion))
                {
                    mapped = true;
                    if (tagVersion == versionTag)
                    {
                        result.Add(weak ? $"W/\"{opaque}\"" : $"\"{opaque}\"");
                    }

                    continue;
                }

                result.Add(tag);
            }
        }

        return result.Count == 0 ? StringValues.Empty : new StringValues(string.Join(", ", result));
    }

    private static bool TryParseVersioned(string tag, out string opaque, out bool weak, out string versionTag)
    {
        opaque = string.Empty;
        versionTag = string.Empty;
        weak = false;
        var inner = Opaque(tag);
        var marker = inner.LastIndexOf("-b", StringComparison.Ordinal);
        if (!tag.StartsWith("W/", StringComparison.Ordinal) || marker < 0 || inner.Length != marker + 3 + 8 || inner[marker + 2] is not ('w' or 's'))
        {
            return false;
        }

        weak = inner[marker + 2] == 'w';
        opaque = inner[..marker];
        versionTag = inner[(marker + 3)..];
        return true;
    }

    private static string Opaque(string tag)
    {
        var value = tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;
        return value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
    }
}
