using System.Text;

namespace Badge.Tool.Commands.Verify;

/// <summary>The CSV of a bulk run, read (the sites, a report being resumed) and written (the report's cells).</summary>
internal static class ReportCsv
{
    /// <summary>The first line of a report; a file at <c>--out</c> that starts otherwise is not one, and is not appended to.</summary>
    public const string Header = "url,outcome,badge,findings";

    /// <summary>The fields of one line: commas separate, double quotes enclose, a doubled quote inside quotes is one quote.</summary>
    public static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    /// <summary>A cell as written: neutralized, and quoted where it holds a comma, a quote or a line break.</summary>
    public static string Cell(string value)
    {
        value = Neutralize(value);
        return value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    // A cell a spreadsheet would read as a formula (OWASP's CSV injection list) gets a leading apostrophe, which the
    // spreadsheet shows as text. A badge id or URL comes from a crawled page, so it is never trusted as a formula.
    public static string Neutralize(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}
