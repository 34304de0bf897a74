using Badge.Sdk.Identity;

namespace Badge.Sdk.Tests.Identity;

public sealed class OrganizerNameTests
{
    [Fact]
    public void Parse_TrimsAndStoresNfc()
    {
        // "é" typed as e + combining acute (NFD) is stored composed.
        var name = OrganizerName.Parse("  Cafe\u0301 机关\u3000");

        Assert.Equal("Caf\u00e9 机关", name.Value);
        Assert.Equal("Caf\u00e9 机关", name.ToString());
    }

    [Fact]
    public void Equality_FoldsFullWidthAndCollapsesWhiteSpace()
    {
        var typed = OrganizerName.Parse("ＡＢＣ　市  人民政府");
        var stored = OrganizerName.Parse("ABC 市 人民政府");

        Assert.Equal(stored, typed);
        Assert.Equal(stored.GetHashCode(), typed.GetHashCode());
        Assert.NotEqual(OrganizerName.Parse("abc 市 人民政府"), stored);
    }

    [Fact]
    public void Length_CountsTextElements()
    {
        // 𠀀 (U+20000) is two UTF-16 units but one character to a person.
        var hundred = string.Concat(Enumerable.Repeat("\U00020000", 100));

        Assert.True(OrganizerName.TryParse(hundred, out _));
        Assert.False(OrganizerName.TryParse(hundred + "\U00020000", out _, out var problem));
        Assert.Equal(IdentityProblemCodes.NameTooLong, problem.Code);
        Assert.Contains("101", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("人民\u200B政府")]
    [InlineData("人民\u202E政府")]
    [InlineData("人民\n政府")]
    [InlineData("人民\u0000政府")]
    [InlineData("人民\u2028政府")]
    public void TryParse_ControlOrFormatCharacter_IsRejected(string typed)
    {
        Assert.False(OrganizerName.TryParse(typed, out _, out var problem));
        Assert.Equal(IdentityProblemCodes.NameForbiddenCharacter, problem.Code);
        Assert.Equal(3, problem.Position);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \u3000 ")]
    [InlineData(null)]
    public void TryParse_Empty_IsRejected(string? typed)
    {
        Assert.False(OrganizerName.TryParse(typed, out var name, out var problem));
        Assert.Equal(IdentityProblemCodes.Empty, problem.Code);
        Assert.True(name.IsDefault);
    }

    [Fact]
    public void TryParse_HugeInput_IsRejectedAsTooLong()
    {
        Assert.False(OrganizerName.TryParse(new string('x', 100_000), out _, out var problem));
        Assert.Equal(IdentityProblemCodes.NameTooLong, problem.Code);
    }

    [Fact]
    public void Default_IsDefaultAndValueThrows()
    {
        Assert.True(default(OrganizerName).IsDefault);
        Assert.Throws<InvalidOperationException>(() => default(OrganizerName).Value);
    }

    [Fact]
    public void Parse_Invalid_ThrowsNamingTheField()
    {
        var ex = Assert.Throws<IdentityFormatException>(() => OrganizerName.Parse(""));

        Assert.Contains("organizer name", ex.Message, StringComparison.Ordinal);
    }
}

public sealed class OnlineNameTests
{
    [Fact]
    public void Parse_ValidName_KeepsCanonicalText()
    {
        var name = OnlineName.Parse(" 万载县人民政府网 ");

        Assert.Equal("万载县人民政府网", name.Value);
        Assert.Equal(OnlineName.Parse("万载县人民政府网"), name);
    }

    [Fact]
    public void Parse_Invalid_ThrowsNamingTheField()
    {
        var ex = Assert.Throws<IdentityFormatException>(() => OnlineName.Parse("a\u200Db"));

        Assert.Contains("online name", ex.Message, StringComparison.Ordinal);
        Assert.Equal(IdentityProblemCodes.NameForbiddenCharacter, Assert.Single(ex.Problems).Code);
    }
}
