using Badge.Sdk.Challenges;
using Badge.Sdk.Identity;

namespace Badge.Sdk.Tests.Challenges;

/// <summary>A pending Weibo challenge for the demo institution, as the store tests keep and read back.</summary>
internal static class SampleChallenge
{
    public static Challenge Create(string id, string account, DateTimeOffset createdAt) => new()
    {
        Id = id,
        Platform = PlatformId.Weibo,
        AccountId = account,
        Uscc = UnifiedSocialCreditCode.Parse("11360922MB0001230X"),
        InstitutionName = OrganizerName.Parse("万载县人民政府办公室"),
        Nonce = "n",
        DisplayCode = "123456",
        PollToken = "p",
        RequestJws = "a.b.c",
        CreatedAt = createdAt,
        ExpiresAt = createdAt.AddMinutes(2),
        Version = 1,
    };
}
