using Badge.Sdk.Challenges;
using Badge.Sdk.Identity;
using Badge.Sdk.Platforms;

namespace Badge.Sdk.Tests.Challenges;

// One store convention: a write returns false for the expected conflict and changes nothing.
public sealed class InMemoryChallengeStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Challenge Challenge(string account = "wb-1001") => SampleChallenge.Create("c-1", account, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task TryAddAsync_ATakenId_ReturnsFalse_AndKeepsTheFirst()
    {
        var store = new InMemoryChallengeStore();

        Assert.True(await store.TryAddAsync(Challenge(), Ct));
        Assert.False(await store.TryAddAsync(Challenge("wb-attacker"), Ct));
        Assert.Equal("wb-1001", (await store.GetAsync("c-1", Ct))!.AccountId);
    }

    [Fact]
    public async Task TryAddAsync_BehavesAsTheCertificationStoreDoes()
    {
        var certifications = new InMemoryCertificationStore();
        var certification = new Certification
        {
            Id = "weibo:wb-1001",
            Platform = PlatformId.Weibo,
            Variant = AccountVariant.Unverified,
            AccountId = "wb-1001",
            AccountName = OnlineName.Parse("万载发布"),
            Uscc = UnifiedSocialCreditCode.Parse("11360922MB0001230X"),
            InstitutionName = OrganizerName.Parse("万载县人民政府办公室"),
            OperatorId = "op-1",
        };

        Assert.Equal(
            (await new InMemoryChallengeStore().TryAddAsync(Challenge(), Ct), false),
            (await certifications.TryAddAsync(certification, Ct), await certifications.TryAddAsync(certification, Ct)));
    }
}
