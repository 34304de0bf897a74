using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Badge.Sdk.Certificates;
using Badge.Sdk.Issuance;
using Badge.Sdk.TestData;

namespace Badge.Sdk.Tests.Json;

// Each folder of the core has its own source-generated context (so the architecture test sees every dependency);
// they must still write one wire format: web defaults (camelCase, case-insensitive reads) and nulls left out.
public sealed class JsonContextTests
{
    public static TheoryData<string> Contexts()
    {
        var data = new TheoryData<string>();
        foreach (var type in typeof(CertificatesJsonContext).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(JsonSerializerContext))))
        {
            data.Add(type.FullName!);
        }

        return data;
    }

    [Fact]
    public void EveryFolderWithWireTypes_HasItsOwnContext() =>
        Assert.Equal(
            ["Badge.Sdk.Certificates.CertificatesJsonContext", "Badge.Sdk.Challenges.ChallengesJsonContext", "Badge.Sdk.Credentials.CredentialsJsonContext",
             "Badge.Sdk.Issuance.IssuanceJsonContext", "Badge.Sdk.Json.BadgeJsonContext"],
            Contexts().Select(row => row.Data).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Contexts))]
    public void EveryContext_UsesTheSameOptions(string name)
    {
        var type = typeof(CertificatesJsonContext).Assembly.GetType(name)!;
        var context = (JsonSerializerContext)type.GetProperty("Default", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

        Assert.False(type.IsPublic, $"{name} is public");
        Assert.Equal(
            (JsonNamingPolicy.CamelCase, true, JsonIgnoreCondition.WhenWritingNull),
            (context.Options.PropertyNamingPolicy, context.Options.PropertyNameCaseInsensitive, context.Options.DefaultIgnoreCondition));
    }

    [Fact]
    public void ACertificate_IsWrittenAlikeByItsOwnContextAndInsideTheCachesEntry()
    {
        var certificate = SampleCertificates.Website() with { Domain = null };

        var own = JsonSerializer.SerializeToElement(certificate, CertificatesJsonContext.Default.BadgeCertificate);
        var cached = JsonSerializer.SerializeToElement(new CachedCertificate(certificate, "\"v1\"", DateTimeOffset.UnixEpoch), IssuanceJsonContext.Default.CachedCertificate);

        Assert.Equal(own.GetRawText(), cached.GetProperty("certificate").GetRawText());
        Assert.False(own.TryGetProperty("domain", out _));
        Assert.True(own.TryGetProperty("badgeId", out _));
    }
}
