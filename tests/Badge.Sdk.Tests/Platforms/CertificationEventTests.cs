using System.Text.Json;
using Badge.Sdk.Platforms;

namespace Badge.Sdk.Tests.Platforms;

public sealed class CertificationEventTests
{
    [Fact]
    public void CertificationTransition_RoundTripsItsEventByName_AndRefusesFreeText()
    {
        var transition = new CertificationTransition(DateTimeOffset.UnixEpoch, StepActor.Operator, "op-1", CertificationEvent.ReviewRejected, null, "fee missing");

        var json = JsonSerializer.Serialize(transition, JsonSerializerOptions.Web);

        Assert.Contains("\"event\":\"ReviewRejected\"", json, StringComparison.Ordinal);
        Assert.Equal(transition, JsonSerializer.Deserialize<CertificationTransition>(json, JsonSerializerOptions.Web));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<CertificationTransition>(json.Replace("ReviewRejected", "review-rejected", StringComparison.Ordinal), JsonSerializerOptions.Web));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<CertificationTransition>(json.Replace("\"ReviewRejected\"", "5", StringComparison.Ordinal), JsonSerializerOptions.Web));
    }

    [Fact]
    public void CertificationReasonCodes_AreTheSnakeCaseCodesTheRunnerThrows()
    {
        var codes = typeof(CertificationReasonCodes).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.Contains("wrong_order", codes);
        Assert.Contains("identity_not_verified", codes);
        Assert.All(codes, c => Assert.Matches("^[a-z]+(_[a-z]+)*$", c));
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }
}
