using System.Text.Json;
using Badge.Sdk.Identity;

namespace Badge.Sdk.Tests.Identity;

public sealed class IdentityJsonTests
{
    private sealed record Institution(UnifiedSocialCreditCode Uscc, OrganizerName Organizer, OnlineName Name, SiteDomain Domain);

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public void RoundTrip_WritesCanonicalStrings()
    {
        var value = new Institution(
            UnifiedSocialCreditCode.Parse("91350100m000100y43"),
            OrganizerName.Parse(" 万载县人民政府 "),
            OnlineName.Parse("万载县人民政府网"),
            SiteDomain.Parse("https://www.万载政府网.政务/"));

        var json = JsonSerializer.Serialize(value, Web);
        var back = JsonSerializer.Deserialize<Institution>(json, Web);

        Assert.Contains("\"uscc\":\"91350100M000100Y43\"", json, StringComparison.Ordinal);
        Assert.Contains("\"organizer\":\"\\u4E07\\u8F7D\\u53BF\\u4EBA\\u6C11\\u653F\\u5E9C\"", json, StringComparison.Ordinal);
        Assert.Equal(value, back);
        Assert.Equal("www.万载政府网.政务", back!.Domain.Unicode);
    }

    [Theory]
    [InlineData("{\"uscc\":\"91350100M000100Y4X\"}", "check character should be '3' but is 'X'")]
    [InlineData("{\"uscc\":91350100}", "must be a JSON string")]
    [InlineData("{\"domain\":\"gov-a.test:80\"}", "port")]
    [InlineData("{\"organizer\":\"a\\u200Bb\"}", "not allowed")]
    [InlineData("{\"name\":\"\"}", "empty")]
    public void Read_Invalid_FailsWithTheReason(string json, string reason)
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Institution>(json, Web));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Default_Throws()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Serialize(default(UnifiedSocialCreditCode)));
        Assert.Throws<JsonException>(() => JsonSerializer.Serialize(default(SiteDomain)));
    }
}
