using Badge.Sdk.Identity;

namespace Badge.Sdk.Tests.Identity;

public sealed class SiteDomainTests
{
    [Theory]
    [InlineData("万载政府网.政务", "xn--chq171bv3e1m4am5q.xn--zfr164b")]
    [InlineData("www.北京.政务", "www.xn--1lq90i.xn--zfr164b")]
    [InlineData("红十字会.公益", "xn--6oqz4hpzis71b.xn--55qw42g")]
    [InlineData("example.gov.cn", "example.gov.cn")]
    public void Parse_IdnName_RoundTripsBetweenUnicodeAndAscii(string unicode, string ascii)
    {
        var fromUnicode = SiteDomain.Parse(unicode);
        var fromAscii = SiteDomain.Parse(ascii);

        Assert.Equal(ascii, fromUnicode.Ascii);
        Assert.Equal(unicode, fromAscii.Unicode);
        Assert.Equal(fromUnicode, fromAscii);
        Assert.Equal(unicode, fromAscii.ToString());
        Assert.Equal(ascii, fromUnicode.ToString("A", null));
    }

    [Theory]
    [InlineData("https://www.北京.政务/index.html", "www.北京.政务")]
    [InlineData("http://user:pw@Example.GOV.cn:/a?b#c", null)]
    [InlineData("  WWW.Gov-A.TEST  ", "www.gov-a.test")]
    [InlineData("//gov-a.test/path", "gov-a.test")]
    [InlineData("gov-a.test.", "gov-a.test")]
    [InlineData("www。北京。政务", "www.北京.政务")]
    [InlineData("localhost", "localhost")]
    public void Parse_PastedInput_IsNormalised(string typed, string? expected)
    {
        if (expected is null)
        {
            Assert.False(SiteDomain.TryParse(typed, out _, out var problem));
            Assert.Equal(IdentityProblemCodes.DomainPort, problem.Code);
            return;
        }

        Assert.Equal(expected, SiteDomain.Parse(typed).Unicode);
    }

    [Theory]
    [InlineData("", IdentityProblemCodes.Empty)]
    [InlineData("https:///index.html", IdentityProblemCodes.Empty)]
    [InlineData("127.0.0.1", IdentityProblemCodes.DomainIpLiteral)]
    [InlineData("http://10.1.2.3/", IdentityProblemCodes.DomainIpLiteral)]
    [InlineData("[::1]", IdentityProblemCodes.DomainIpLiteral)]
    [InlineData("::1", IdentityProblemCodes.DomainIpLiteral)]
    [InlineData("gov-a.test:8080", IdentityProblemCodes.DomainPort)]
    [InlineData("https://gov-a.test:8443/", IdentityProblemCodes.DomainPort)]
    [InlineData("gov..test", IdentityProblemCodes.DomainEmptyLabel)]
    [InlineData(".gov.test", IdentityProblemCodes.DomainEmptyLabel)]
    [InlineData("under_score.test", IdentityProblemCodes.DomainInvalid)]
    [InlineData("-lead.test", IdentityProblemCodes.DomainInvalid)]
    [InlineData("sp ace.test", IdentityProblemCodes.DomainInvalid)]
    public void TryParse_Invalid_GivesReason(string typed, string code)
    {
        Assert.False(SiteDomain.TryParse(typed, out var domain, out var problem));
        Assert.Equal(code, problem.Code);
        Assert.True(domain.IsDefault);
        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
        Assert.False(string.IsNullOrWhiteSpace(problem.ChineseMessage));
    }

    [Fact]
    public void TryParse_LabelOver63_SaysLabelTooLong()
    {
        Assert.True(SiteDomain.TryParse(new string('a', 63) + ".test", out _));

        Assert.False(SiteDomain.TryParse(new string('a', 64) + ".test", out _, out var problem));
        Assert.Equal(IdentityProblemCodes.DomainLabelTooLong, problem.Code);
        Assert.Contains("64", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_NameOver253_SaysTooLong()
    {
        var label = new string('a', 50);
        var ok = string.Join('.', Enumerable.Repeat(label, 4)) + "." + new string('b', 49);
        Assert.Equal(253, ok.Length);
        Assert.True(SiteDomain.TryParse(ok, out _));

        Assert.False(SiteDomain.TryParse("a" + ok, out _, out var problem));
        Assert.Equal(IdentityProblemCodes.DomainTooLong, problem.Code);
    }

    [Theory]
    [InlineData("gov-a.test", "gov-a.test", true)]
    [InlineData("gov-a.test", "www.gov-a.test", true)]
    [InlineData("gov-a.test", "a.b.gov-a.test", true)]
    [InlineData("gov-a.test", "evilgov-a.test", false)]
    [InlineData("www.gov-a.test", "gov-a.test", false)]
    [InlineData("北京.政务", "WWW.xn--1lq90i.xn--zfr164b", true)]
    public void Covers_ItselfAndSubdomainsOnly(string badge, string site, bool expected)
    {
        Assert.Equal(expected, SiteDomain.Parse(badge).Covers(SiteDomain.Parse(site)));
    }

    [Theory]
    [InlineData("www.gov-a.test:8080", true)]
    [InlineData("WWW.GOV-A.TEST", true)]
    [InlineData("gov-a.test", true)]
    [InlineData("evilgov-a.test", false)]
    [InlineData("gov-a.test.evil.test", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void CoversHost_RequestHosts(string? host, bool expected)
    {
        Assert.Equal(expected, SiteDomain.Parse("gov-a.test").CoversHost(host));
    }

    [Fact]
    public void CoversHost_UnicodeHost_IsNormalisedFirst()
    {
        Assert.True(SiteDomain.Parse("xn--1lq90i.xn--zfr164b").CoversHost("www.北京.政务"));
    }

    [Theory]
    [InlineData("www.example.gov.cn", true, false)]
    [InlineData("万载政府网.政务", true, false)]
    [InlineData("红十字会.公益", false, true)]
    [InlineData("gov.cn.example.com", false, false)]
    public void Suffixes_AreRecognised(string domain, bool government, bool publicInterest)
    {
        var parsed = SiteDomain.Parse(domain);

        Assert.Equal(government, parsed.IsGovernmentDomain);
        Assert.Equal(publicInterest, parsed.IsPublicInterestDomain);
    }

    [Fact]
    public void Default_IsDefaultAndMembersThrow()
    {
        var domain = default(SiteDomain);

        Assert.True(domain.IsDefault);
        Assert.Throws<InvalidOperationException>(() => domain.Ascii);
        Assert.Throws<InvalidOperationException>(() => domain.Covers(SiteDomain.Parse("a.test")));
    }

    [Fact]
    public void Parse_Invalid_Throws()
    {
        var ex = Assert.Throws<IdentityFormatException>(() => SiteDomain.Parse("gov-a.test:8080"));

        Assert.Equal(IdentityProblemCodes.DomainPort, Assert.Single(ex.Problems).Code);
    }
}
