using Badge.Sdk.AspNetCore.Footer;
using Microsoft.Extensions.Primitives;

namespace Badge.Sdk.AspNetCore.Tests.Footer;

/// <summary>The validator of a page with the footer, and If-None-Match mapped back to the app's own.</summary>
public sealed class ETagsTests
{
    private const string Version = "0a1b2c3d";
    private const string OtherVersion = "ffffffff";

    [Theory]
    [InlineData("\"abc\"", "W/\"abc-bs0a1b2c3d\"")]
    [InlineData("W/\"abc\"", "W/\"abc-bw0a1b2c3d\"")]
    [InlineData("\"\"", "W/\"-bs0a1b2c3d\"")]
    [InlineData("abc", "W/\"abc-bs0a1b2c3d\"")]
    public void Version_AppValidator_IsMadeWeakAndSuffixedWithTheBadgeVersion(string original, string expected)
    {
        Assert.Equal(expected, ETags.Version(original, Version));
    }

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("W/\"abc\"")]
    [InlineData("\"a-b-c\"")]
    [InlineData("W/\"x-bs12345678\"")]
    public void MapIfNoneMatch_OurTagOfTheCurrentVersion_GivesTheAppItsOwnBack(string original)
    {
        var ours = ETags.Version(original, Version);

        var mapped = ETags.MapIfNoneMatch(ours, Version, out var wasMapped);

        Assert.True(wasMapped);
        Assert.Equal(original, mapped.ToString());
    }

    [Fact]
    public void MapIfNoneMatch_OurTagOfAnotherVersion_IsDropped()
    {
        var stale = ETags.Version("\"abc\"", OtherVersion);

        var mapped = ETags.MapIfNoneMatch(stale, Version, out var wasMapped);

        Assert.True(wasMapped);
        Assert.Equal(StringValues.Empty, mapped);
    }

    [Fact]
    public void MapIfNoneMatch_List_MapsOursDropsStaleAndKeepsTheAppsInOrder()
    {
        var header = $"\"app1\", {ETags.Version("\"abc\"", Version)},{ETags.Version("W/\"old\"", OtherVersion)} , W/\"app2\"";

        var mapped = ETags.MapIfNoneMatch(header, Version, out var wasMapped);

        Assert.True(wasMapped);
        Assert.Equal("\"app1\", \"abc\", W/\"app2\"", mapped.ToString());
    }

    [Fact]
    public void MapIfNoneMatch_SeveralHeaderLines_AreReadAsOneList()
    {
        var header = new StringValues(["\"app1\"", ETags.Version("W/\"abc\"", Version)]);

        var mapped = ETags.MapIfNoneMatch(header, Version, out var wasMapped);

        Assert.True(wasMapped);
        Assert.Equal("\"app1\", W/\"abc\"", mapped.ToString());
    }

    [Theory]
    [InlineData("*")]
    [InlineData("\"abc\"")]
    [InlineData("W/\"abc\"")]
    [InlineData("W/\"abc\", \"def\"")]
    [InlineData("\"abc-bs0a1b2c3d\"")]     // our shape, but strong: we never send a strong tag
    [InlineData("W/\"abc-bs0a1b2c3\"")]    // a version tag one character short
    [InlineData("W/\"abc-bx0a1b2c3d\"")]   // neither 'w' nor 's' after "-b"
    public void MapIfNoneMatch_TagsNotOurs_PassUnchanged(string header)
    {
        var mapped = ETags.MapIfNoneMatch(header, Version, out var wasMapped);

        Assert.False(wasMapped);
        Assert.Equal(header, mapped.ToString());
    }

    [Fact]
    public void MapIfNoneMatch_StarBesideOurs_KeepsTheStar()
    {
        var mapped = ETags.MapIfNoneMatch($"*, {ETags.Version("\"abc\"", Version)}", Version, out var wasMapped);

        Assert.True(wasMapped);
        Assert.Equal("*, \"abc\"", mapped.ToString());
    }

    [Fact]
    public void MapIfNoneMatch_EmptyListMembers_AreSkipped()
    {
        var mapped = ETags.MapIfNoneMatch(" , \"a\",, \"b\" ,", Version, out var wasMapped);

        Assert.False(wasMapped);
        Assert.Equal("\"a\", \"b\"", mapped.ToString());
    }
}
