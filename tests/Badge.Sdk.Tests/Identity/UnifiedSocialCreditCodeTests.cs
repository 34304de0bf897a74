using Badge.Sdk.Identity;
using CsCheck;

namespace Badge.Sdk.Tests.Identity;

public sealed class UnifiedSocialCreditCodeTests
{
    // Codes of real organisations, published on their sites; both check characters hold.
    [Theory]
    [InlineData("91350100M000100Y43", InstitutionKind.Enterprise)]
    [InlineData("91110000802100433B", InstitutionKind.Enterprise)]
    [InlineData("12100000400000624D", InstitutionKind.PublicInstitution)]
    public void Parse_RealCode_Succeeds(string text, InstitutionKind kind)
    {
        var code = UnifiedSocialCreditCode.Parse(text);

        Assert.Equal(text, code.ToString());
        Assert.Equal(kind, code.Kind);
        Assert.False(code.IsDefault);
    }

    [Fact]
    public void Parse_GeneratedValidCodes_AllSucceedAndRoundTrip()
    {
        UsccGen.Valid.Sample(text =>
        {
            Assert.True(UnifiedSocialCreditCode.TryParse(text, out var code), text);
            Assert.Equal(text, code.ToString());
            Assert.True(UnifiedSocialCreditCode.Validate(text).IsValid);
        }, iter: 20_000);
    }

    [Fact]
    public void TryParse_EverySingleCharacterSubstitution_IsRejected()
    {
        UsccGen.Valid.Sample(text =>
        {
            var chars = text.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                var original = chars[i];
                foreach (var replacement in UsccGen.Alphabet)
                {
                    if (replacement == original)
                    {
                        continue;
                    }

                    chars[i] = replacement;
                    Assert.False(UnifiedSocialCreditCode.TryParse(chars, out _), $"{text} with position {i + 1} set to {replacement}");
                }

                chars[i] = original;
            }
        }, iter: 300);
    }

    [Fact]
    public void TryParse_EveryAdjacentTranspositionThatChangesTheCode_IsRejected()
    {
        UsccGen.Valid.Sample(text =>
        {
            for (var i = 0; i < text.Length - 1; i++)
            {
                if (text[i] == text[i + 1])
                {
                    continue;
                }

                var chars = text.ToCharArray();
                (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
                Assert.False(UnifiedSocialCreditCode.TryParse(chars, out _), $"{text} with positions {i + 1} and {i + 2} swapped");
            }
        }, iter: 5_000);
    }

    [Fact]
    public void Parse_FullWidthLowerCaseAndPadded_IsNormalised()
    {
        const string Text = "91350100M000100Y43";
        var typed = "\u3000 " + string.Concat(Text.ToLowerInvariant().Select(c => (char)(c + 0xFEE0))) + "\t";

        var result = UnifiedSocialCreditCode.Validate(typed);

        Assert.True(result.IsValid);
        Assert.True(result.WasNormalized);
        Assert.Equal(Text, result.Normalized);
        Assert.Equal(UnifiedSocialCreditCode.Parse(Text), UnifiedSocialCreditCode.Parse(typed));
    }

    [Theory]
    [InlineData("")]
    [InlineData("91350100M000100Y4")]
    [InlineData("91350100M000100Y4X")]
    public void Validate_AnInvalidCode_HasNoCode_NeverADefaultOne(string typed)
    {
        var result = UnifiedSocialCreditCode.Validate(typed);

        Assert.False(result.IsValid);
        Assert.Null(result.Code);
        Assert.NotEmpty(result.Problems);
    }

    [Fact]
    public void Validate_AValidCode_CarriesIt()
    {
        var result = UnifiedSocialCreditCode.Validate("91350100M000100Y43");

        Assert.True(result.IsValid);
        Assert.Equal(UnifiedSocialCreditCode.Parse("91350100M000100Y43"), result.Code.Value);
    }

    [Fact]
    public void Validate_NormalInput_IsNotMarkedNormalised()
    {
        var result = UnifiedSocialCreditCode.Validate("91350100M000100Y43");

        Assert.True(result.IsValid);
        Assert.False(result.WasNormalized);
    }

    [Fact]
    public void Validate_WrongLength_SaysLength()
    {
        var problem = Assert.Single(UnifiedSocialCreditCode.Validate("91350100M000100Y4").Problems);

        Assert.Equal(IdentityProblemCodes.UsccLength, problem.Code);
        Assert.Equal("length 17, expected 18", problem.Message);
    }

    [Fact]
    public void Validate_ForbiddenLetter_NamesPositionAndCharacter()
    {
        var problems = UnifiedSocialCreditCode.Validate("913501O0M000100Y43").Problems;

        var problem = Assert.Single(problems);
        Assert.Equal(IdentityProblemCodes.UsccInvalidCharacter, problem.Code);
        Assert.Equal("character 7 'O' is not allowed", problem.Message);
        Assert.Equal(7, problem.Position);
    }

    [Theory]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('Z')]
    [InlineData('S')]
    [InlineData('V')]
    public void Validate_EachExcludedLetter_IsNotAllowed(char letter)
    {
        var text = "91350100M000100Y4" + letter;

        var problem = Assert.Single(UnifiedSocialCreditCode.Validate(text).Problems);

        Assert.Equal(IdentityProblemCodes.UsccInvalidCharacter, problem.Code);
        Assert.Equal(18, problem.Position);
    }

    [Fact]
    public void Validate_LetterInDivision_SaysMustBeDigit()
    {
        var problem = Assert.Single(UnifiedSocialCreditCode.Validate("9135A100M000100Y43").Problems);

        Assert.Equal(IdentityProblemCodes.UsccDivisionNotDigit, problem.Code);
        Assert.Equal(5, problem.Position);
        Assert.Contains("must be a digit", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WrongCheckCharacter_SaysWhatItShouldBe()
    {
        var problem = Assert.Single(UnifiedSocialCreditCode.Validate("91350100M000100Y4X").Problems);

        Assert.Equal(IdentityProblemCodes.UsccCheckCharacter, problem.Code);
        Assert.Equal("check character should be '3' but is 'X'", problem.Message);
        Assert.Equal(18, problem.Position);
    }

    [Fact]
    public void Validate_WrongOrganizationCodeCheck_IsReportedEvenWhenTheFinalCheckHolds()
    {
        // Position 17 changed, then the final check recomputed: only GB 11714's check catches it.
        var first17 = "91350100M000100Y" + "7";
        var text = first17 + UnifiedSocialCreditCode.ComputeCheckCharacter(first17);

        var problem = Assert.Single(UnifiedSocialCreditCode.Validate(text).Problems);

        Assert.Equal(IdentityProblemCodes.UsccOrganizationCodeCheck, problem.Code);
        Assert.Equal("organisation code check character (position 17) should be '4' but is '7'", problem.Message);
    }

    [Fact]
    public void Validate_SeveralProblems_ListsThemAll()
    {
        var problems = UnifiedSocialCreditCode.Validate("9I35A100M000100Y4").Problems;

        Assert.Equal(
            [IdentityProblemCodes.UsccLength, IdentityProblemCodes.UsccInvalidCharacter, IdentityProblemCodes.UsccDivisionNotDigit],
            problems.Select(p => p.Code));
        Assert.All(problems, p => Assert.False(string.IsNullOrEmpty(p.ChineseMessage)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u3000")]
    public void Validate_Empty_SaysEmpty(string text)
    {
        var problem = Assert.Single(UnifiedSocialCreditCode.Validate(text).Problems);

        Assert.Equal(IdentityProblemCodes.Empty, problem.Code);
    }

    [Fact]
    public void Parse_Invalid_ThrowsWithEveryReason()
    {
        var ex = Assert.Throws<IdentityFormatException>(() => UnifiedSocialCreditCode.Parse("91350100M000100Y4X"));

        Assert.Contains("check character should be '3' but is 'X'", ex.Message, StringComparison.Ordinal);
        Assert.Single(ex.Problems);
    }

    [Fact]
    public void Parse_ExposesParts()
    {
        var code = UnifiedSocialCreditCode.Parse("91350100M000100Y43");

        Assert.Equal('9', code.RegistrationAuthority);
        Assert.Equal('1', code.Category);
        Assert.Equal("350100", code.AdministrativeDivision);
        Assert.Equal("M000100Y4", code.OrganizationCode);
        Assert.Equal('3', code.CheckCharacter);
    }

    [Theory]
    [InlineData("11", InstitutionKind.GovernmentOrgan)]
    [InlineData("12", InstitutionKind.PublicInstitution)]
    [InlineData("13", InstitutionKind.MassOrganization)]
    [InlineData("51", InstitutionKind.SocialOrganization)]
    [InlineData("A1", InstitutionKind.MilitaryPublicInstitution)]
    [InlineData("N2", InstitutionKind.VillageCollective)]
    [InlineData("Y1", InstitutionKind.Other)]
    [InlineData("17", InstitutionKind.Unknown)]
    [InlineData("WW", InstitutionKind.Unknown)]
    public void Kind_FromFirstTwoCharacters(string head, InstitutionKind kind)
    {
        var code = UnifiedSocialCreditCode.Parse(UsccGen.Build(head + "110000MA01ABCD"));

        Assert.Equal(kind, code.Kind);
        Assert.Equal(head[0], code.RegistrationAuthority);
        Assert.Equal(head[1], code.Category);
    }

    [Fact]
    public void Default_IsDefaultAndMembersThrow()
    {
        var code = default(UnifiedSocialCreditCode);

        Assert.True(code.IsDefault);
        Assert.Equal(string.Empty, code.ToString());
        var ex = Assert.Throws<InvalidOperationException>(() => code.Kind);
        Assert.Contains("default", ex.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => code.AdministrativeDivision);
    }

    [Fact]
    public void AllZeros_IsAValidCodeDistinctFromDefault()
    {
        // Every check holds for eighteen zeros; the value must still differ from the uninitialised default.
        var code = UnifiedSocialCreditCode.Parse("000000000000000000");

        Assert.False(code.IsDefault);
        Assert.NotEqual(default, code);
    }

    [Fact]
    public void Equality_And_Ordering_FollowTheText()
    {
        UsccGen.Valid.Select(UsccGen.Valid).Sample((a, b) =>
        {
            var x = UnifiedSocialCreditCode.Parse(a);
            var y = UnifiedSocialCreditCode.Parse(b);
            Assert.Equal(string.Equals(a, b, StringComparison.Ordinal), x == y);
            Assert.Equal(Math.Sign(string.CompareOrdinal(a, b)), Math.Sign(x.CompareTo(y)));
            Assert.Equal(x, UnifiedSocialCreditCode.Parse(a));
            Assert.Equal(x.GetHashCode(), UnifiedSocialCreditCode.Parse(a).GetHashCode());
        }, iter: 2_000);
    }

    [Fact]
    public void TryFormat_WritesUtf8AndChars()
    {
        var code = UnifiedSocialCreditCode.Parse("91350100M000100Y43");
        Span<byte> bytes = stackalloc byte[18];
        Span<char> chars = stackalloc char[18];

        Assert.True(code.TryFormat(bytes, out var written, default, null));
        Assert.Equal("91350100M000100Y43"u8.ToArray(), bytes[..written].ToArray());
        Assert.True(code.TryFormat(chars, out written, default, null));
        Assert.Equal("91350100M000100Y43", new string(chars[..written]));
        Assert.False(code.TryFormat(new char[17], out _, default, null));
    }

    [Fact]
    public void ComputeCheckCharacter_RejectsBadInput()
    {
        Assert.Throws<ArgumentException>(() => UnifiedSocialCreditCode.ComputeCheckCharacter("9135"));
        Assert.Throws<ArgumentException>(() => UnifiedSocialCreditCode.ComputeCheckCharacter("91350100M000100YO"));
    }
}
