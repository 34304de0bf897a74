using System.Text.Encodings.Web;
using System.Text.Json;

namespace Badge.Tool;

/// <summary>How the tool prints JSON: web names, one object a line, Chinese text as it is (not \u escapes).</summary>
internal static class ToolJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };
}
