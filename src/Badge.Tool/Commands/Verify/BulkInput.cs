namespace Badge.Tool.Commands.Verify;

// Checks a bulk run's input before anything is fetched or written: the file exists, its first line is the header
// (or already a site), every row's address, organizer and code are valid. A mistake is reported by line and column,
// a few at most, and the run does not start, so a report is never half-written from a CSV that was wrong.
internal static class BulkInput
{
    public static readonly string[] Columns = ["url", "organizer", "uscc"];
    private const int MaxReported = 10;

    public static async Task<string?> CheckAsync(FileInfo csv, string output, CancellationToken cancellationToken)
    {
        csv.Refresh();
        if (!csv.Exists)
        {
            return Directory.Exists(csv.FullName)
                ? $"badge verify: --from {csv.FullName} is a directory; give the path of a CSV file with the columns {string.Join(',', Columns)}."
                : $"badge verify: file not found: {csv.FullName}\nGive --from the path of a CSV file with the columns {string.Join(',', Columns)} (organizer and uscc may be empty).";
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(output + ".csv"));
        if (folder is not null && !Directory.Exists(folder))
        {
            return $"badge verify: the folder of --out {output} does not exist: {folder}";
        }

        if (File.Exists(output + ".csv"))
        {
            using var existing = new StreamReader(output + ".csv");
            var header = await existing.ReadLineAsync(cancellationToken);
            if (header is not null && header != ReportCsv.Header)
            {
                return $"badge verify: {output}.csv exists and is not a badge report (its first line is not '{ReportCsv.Header}'); choose another --out, so it is not appended to.";
            }
        }

        var problems = new List<string>();
        var extra = 0;
        var number = 0;
        await foreach (var line in File.ReadLinesAsync(csv.FullName, cancellationToken))
        {
            number++;
            var fields = ReportCsv.Fields(line);
            if (number == 1)
            {
                if (IsHeader(fields))
                {
                    continue;
                }

                if (!IsSite(fields[0].Trim()))
                {
                    return $"badge verify: {csv.Name} line 1 is not the header: expected the columns {string.Join(',', Columns)} (organizer and uscc optional), found '{Shorten(line)}'.";
                }
            }

            if (fields.Count == 0 || fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            foreach (var problem in Check(fields))
            {
                if (problems.Count < MaxReported)
                {
                    problems.Add($"{csv.Name} line {number}, {problem}");
                }
                else
                {
                    extra++;
                }
            }
        }

        if (problems.Count == 0)
        {
            return null;
        }

        var more = extra > 0 ? $"\n… and {extra} more. Nothing was checked; correct the file and run again." : "\nNothing was checked; correct the file and run again.";
        return "badge verify: " + string.Join("\n", problems) + more;
    }

    private static IEnumerable<string> Check(List<string> fields)
    {
        if (fields.Count > Columns.Length)
        {
            yield return $"{fields.Count} columns: expected at most {Columns.Length} ({string.Join(',', Columns)})";
            yield break;
        }

        var url = fields[0].Trim();
        if (!IsSite(url))
        {
            yield return $"column url: '{Shorten(url)}' is not a site's address (an absolute http or https URL)";
        }

        if (fields.Count > 1 && !SiteInput.TryParseOrganizer(fields[1], out _, out var organizerProblem))
        {
            yield return $"column organizer: {organizerProblem}";
        }

        if (fields.Count > 2 && !SiteInput.TryParseUscc(fields[2], out _, out var usccProblem))
        {
            yield return $"column uscc: '{Shorten(fields[2])}': {usccProblem}";
        }
    }

    private static bool IsHeader(List<string> fields) =>
        fields.Count is >= 1 and <= 3
        && fields.Select((f, i) => f.Trim().Equals(Columns[i], StringComparison.OrdinalIgnoreCase)).All(x => x);

    private static bool IsSite(string value) => SiteInput.TryParseAddress(value, out _);

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..77] + "…";
}
