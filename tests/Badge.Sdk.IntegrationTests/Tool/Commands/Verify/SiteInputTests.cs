using Badge.Tool.Commands.Verify;

namespace Badge.Sdk.IntegrationTests.Tool.Commands.Verify;

/// <summary>What a user gives for a site to check: one set of rules for the command line and a CSV row.</summary>
public sealed class SiteInputTests
{
    [Theory]
    [InlineData("https://www.example.gov.cn/", true)]
    [InlineData("http://127.0.0.1:9/", true)]
    [InlineData("ftp://www.example.gov.cn/", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("www.example.gov.cn", false)]
    [InlineData("/relative", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void TryParseAddress_TakesOnlyAbsoluteHttpOrHttps(string? value, bool valid)
    {
        Assert.Equal(valid, SiteInput.TryParseAddress(value, out var site));
        Assert.Equal(valid, site is not null);
    }

    [Fact]
    public void TryParseExpected_BlankValues_AreNotExpected()
    {
        Assert.True(SiteInput.TryParseExpected(" ", null, out var organizer, out var uscc, out var problem));
        Assert.Null(organizer);
        Assert.Null(uscc);
        Assert.Null(problem);
    }

    [Fact]
    public void TryParseExpected_ValidValues_AreParsed()
    {
        Assert.True(SiteInput.TryParseExpected("万载县人民政府办公室", "１１３６０９２２ｍｂ０００１２３０ｘ", out var organizer, out var uscc, out _));
        Assert.Equal("万载县人民政府办公室", organizer?.Value);
        Assert.Equal("11360922MB0001230X", uscc?.ToString());
    }

    [Fact]
    public void TryParseExpected_AnInvalidCode_NamesTheOptionAndTheReason()
    {
        Assert.False(SiteInput.TryParseExpected(null, "11360922MB0001230Y", out _, out var uscc, out var problem));
        Assert.Null(uscc);
        Assert.StartsWith("--uscc: ", problem, StringComparison.Ordinal);
        Assert.Contains("check character", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParseExpected_AnInvalidOrganizer_NamesTheOption_BeforeTheCode()
    {
        Assert.False(SiteInput.TryParseExpected(new string('x', 500), "123", out _, out _, out var problem));
        Assert.StartsWith("--organizer: ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParseUscc_AnInvalidCode_ListsEveryProblem_WithoutTheOptionName()
    {
        Assert.False(SiteInput.TryParseUscc("123", out _, out var problem));
        Assert.DoesNotContain("--uscc", problem, StringComparison.Ordinal);
        Assert.Contains("length 3", problem, StringComparison.Ordinal);
    }
}
