using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Badge.Tool.Commands.Verify;

// A self-contained HTML report written as results arrive: the rows stream into the table, the summary and its
// chart (inline SVG, no script) close the page. On a resumed run the rows already in report.csv are streamed in
// first, so the page always covers the whole report without holding it in memory.
internal sealed class HtmlReport : IAsyncDisposable
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private readonly StreamWriter _writer;
    private int _pass;
    private int _findings;
    private int _unchecked;

    private HtmlReport(StreamWriter writer) => _writer = writer;

    /// <summary>Rows that passed, in the whole report (earlier runs' rows included).</summary>
    public int Passed => _pass;

    /// <summary>Rows with findings, in the whole report.</summary>
    public int WithFindings => _findings;

    /// <summary>Rows that could not be checked, in the whole report.</summary>
    public int Unchecked => _unchecked;

    public static async Task<HtmlReport> CreateAsync(string path, IAsyncEnumerable<(string Url, string Outcome, string Badge, string Findings)> earlier)
    {
        var report = new HtmlReport(new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false)));
        await report._writer.WriteLineAsync("""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <title>网上标识检查报告 Badge verification report</title>
            <style>
            body{font-family:"Noto Sans CJK SC",sans-serif;margin:24px;color:#222}
            table{border-collapse:collapse;width:100%;font-size:13px}td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left}
            .Pass{color:#1a7f37}.Findings{color:#b35900}.CouldNotCheck{color:#c8102e}
            #summary{margin:16px 0;padding:12px;background:#f6f6f6}
            </style>
            </head>
            <body>
            <h1>网上标识检查报告 / Badge verification report</h1>
            <table id="results">
            <thead><tr><th>Site 网站</th><th>Outcome 结果</th><th>Badge 标识</th><th>Findings 问题</th></tr></thead>
            <tbody>
            """);
        await foreach (var row in earlier)
        {
            await report.AddAsync(row.Url, row.Outcome, row.Badge, row.Findings);
        }

        return report;
    }

    public async Task AddAsync(string url, string outcome, string badge, string findings)
    {
        switch (outcome)
        {
            case "Pass":
                _pass++;
                break;
            case "Findings":
                _findings++;
                break;
            default:
                _unchecked++;
                break;
        }

        await _writer.WriteLineAsync(
            $"<tr><td>{Encoder.Encode(url)}</td><td class=\"{Encoder.Encode(outcome)}\">{Encoder.Encode(outcome)}</td><td>{Encoder.Encode(badge)}</td><td>{Encoder.Encode(findings)}</td></tr>");
    }

    public async ValueTask DisposeAsync()
    {
        var total = Math.Max(1, _pass + _findings + _unchecked);
        string Bar(int y, int count, string colour, string label) =>
            string.Create(CultureInfo.InvariantCulture, $"<rect x=\"210\" y=\"{y}\" width=\"{400.0 * count / total:0.#}\" height=\"22\" fill=\"{colour}\"/><text x=\"0\" y=\"{y + 16}\">{label}</text><text x=\"{220 + (400.0 * count / total):0.#}\" y=\"{y + 16}\">{count}</text>");
        await _writer.WriteLineAsync($"""
            </tbody>
            </table>
            <section id="summary">
            <h2>Summary 汇总</h2>
            <p>Pass 通过: <span id="count-pass">{_pass}</span> · Findings 有问题: <span id="count-findings">{_findings}</span> · Could not check 无法检查: <span id="count-unchecked">{_unchecked}</span> · Total 合计: <span id="count-total">{_pass + _findings + _unchecked}</span></p>
            <svg xmlns="http://www.w3.org/2000/svg" width="640" height="96" role="img" aria-label="outcomes">
            {Bar(0, _pass, "#1a7f37", "Pass 通过")}
            {Bar(32, _findings, "#b35900", "Findings 有问题")}
            {Bar(64, _unchecked, "#c8102e", "Could not check 无法检查")}
            </svg>
            </section>
            </body>
            </html>
            """);
        await _writer.DisposeAsync();
    }
}
