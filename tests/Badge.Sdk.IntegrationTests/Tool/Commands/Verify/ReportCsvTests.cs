using Badge.Tool.Commands.Verify;

namespace Badge.Sdk.IntegrationTests.Tool.Commands.Verify;

/// <summary>The bulk run's CSV: fields read as a spreadsheet writes them, cells written so that no spreadsheet runs them.</summary>
public sealed class ReportCsvTests
{
    [Theory]
    [InlineData("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("bdg-0123", "bdg-0123")]
    public void Neutralize_CellsThatASpreadsheetWouldRun_GetAnApostrophe(string cell, string written) =>
        Assert.Equal(written, ReportCsv.Neutralize(cell));

    [Theory]
    [InlineData("a,b,c", new[] { "a", "b", "c" })]
    [InlineData("a,,", new[] { "a", "", "" })]
    [InlineData("\"a,b\",c", new[] { "a,b", "c" })]
    [InlineData("\"say \"\"hi\"\"\",x", new[] { "say \"hi\"", "x" })]
    [InlineData("", new[] { "" })]
    public void Fields_SplitsOnCommas_OutsideQuotes(string line, string[] fields) =>
        Assert.Equal(fields, ReportCsv.Fields(line));

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=1,2", "\"'=1,2\"")]
    public void Cell_QuotesWhatNeedsIt_AfterNeutralizing(string value, string cell) =>
        Assert.Equal(cell, ReportCsv.Cell(value));

    [Theory]
    [InlineData("http://a.test/,x")]
    [InlineData("=HYPERLINK(\"http://evil.test/\",\"ok\")")]
    [InlineData("line\nbreak")]
    public void Cell_ReadsBackAsOneField(string value) =>
        Assert.Equal(ReportCsv.Neutralize(value), Assert.Single(ReportCsv.Fields(ReportCsv.Cell(value))));
}
