using System.Security.Cryptography.X509Certificates;
using Badge.Sdk.Challenges;
using Badge.Sdk.Identity;
using Badge.Sdk.Platforms;
using Badge.Sdk.TestData;
using NSubstitute;

namespace Badge.Sdk.Tests.Challenges;

public sealed class ChallengeIssuerTests : IDisposable
{
    private const string Uscc = "11360922MB0001230X";
    private readonly X509Certificate2 _root = TestCertificateAuthority.CreateRoot();
    private readonly X509Certificate2 _platform;
    private readonly InMemoryChallengeStore _store = new();
    private readonly ChallengeIssuer _issuer;

    public ChallengeIssuerTests()
    {
        _platform = TestCertificateAuthority.Issue(_root, "platform:weibo", "platform:weibo", "微博");
        _issuer = new ChallengeIssuer(_store, Options(), TimeProvider.System);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ChallengeOptions Options()
    {
        var options = new ChallengeOptions();
        options.Roots.Add(_root);
        return options;
    }

    private CreateChallengeRequest Request(string account = "wb-1001") => new()
    {
        Platform = PlatformId.Weibo,
        AccountId = account,
        Uscc = UnifiedSocialCreditCode.Parse(Uscc),
        InstitutionName = OrganizerName.Parse("万载县人民政府办公室"),
        PlatformCertificate = _platform,
        PlatformChain = [],
    };

    [Fact]
    public async Task CreateAsync_ARequest_StoresAPendingChallengeBoundToIt()
    {
        var challenge = await _issuer.CreateAsync(Request(), Ct);

        Assert.Equal((ChallengeState.Pending, "wb-1001", PlatformId.Weibo), (challenge.State, challenge.AccountId, challenge.Platform));
        Assert.Same(challenge, await _store.GetAsync(challenge.Id, Ct));
    }

    [Theory]
    [InlineData("")]
    [InlineData("wb\n1001")]
    [InlineData("wb\u007f")]
    public async Task CreateAsync_ABadAccountId_NamesTheFieldAndStoresNothing(string account)
    {
        var store = Substitute.For<IChallengeStore>();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => new ChallengeIssuer(store, Options(), TimeProvider.System).CreateAsync(Request(account), Ct));

        Assert.Contains("AccountId", ex.Message, StringComparison.Ordinal);
        await store.DidNotReceiveWithAnyArgs().TryAddAsync(default!, Ct);
    }

    [Fact]
    public async Task CreateAsync_WhenTheStoreSaysTheIdIsTaken_Throws()
    {
        var store = Substitute.For<IChallengeStore>();
        store.TryAddAsync(Arg.Any<Challenge>(), Arg.Any<CancellationToken>()).Returns(false);

        await Assert.ThrowsAsync<InvalidOperationException>(() => new ChallengeIssuer(store, Options(), TimeProvider.System).CreateAsync(Request(), Ct));
    }

    [Fact]
    public async Task CompleteAsync_AnUnknownId_SaysUnknownChallenge()
    {
        var result = await _issuer.CompleteAsync("no-such-challenge", Ct);

        Assert.Equal((false, ChallengeTransitionStatus.UnknownChallenge), (result.Succeeded, result.Status));
        Assert.Null(result.Challenge);
    }

    [Fact]
    public async Task CompleteAsync_APendingChallenge_SaysWrongState_AndLeavesIt()
    {
        var challenge = await _issuer.CreateAsync(Request(), Ct);

        var result = await _issuer.CompleteAsync(challenge.Id, Ct);

        Assert.Equal(ChallengeTransitionStatus.WrongState, result.Status);
        Assert.Equal(ChallengeState.Pending, result.Challenge!.State);
        Assert.Equal(ChallengeState.Pending, (await _store.GetAsync(challenge.Id, Ct))!.State);
    }

    [Fact]
    public async Task CancelAsync_APendingChallenge_IsDone_AndASecondCancelIsWrongState()
    {
        var challenge = await _issuer.CreateAsync(Request(), Ct);

        var first = await _issuer.CancelAsync(challenge.Id, Ct);
        var second = await _issuer.CancelAsync(challenge.Id, Ct);

        Assert.True(first.Succeeded);
        Assert.Equal((ChallengeState.Cancelled, challenge.Version + 1), (first.Challenge.State, first.Challenge.Version));
        Assert.Equal(ChallengeTransitionStatus.WrongState, second.Status);
    }

    [Fact]
    public async Task RejectAsync_AnApprovedChallengeChangedMeanwhile_SaysConcurrentChange()
    {
        var store = Substitute.For<IChallengeStore>();
        var approved = (await _issuer.CreateAsync(Request(), Ct)) with { State = ChallengeState.Approved };
        store.GetAsync(approved.Id, Arg.Any<CancellationToken>()).Returns(approved);
        store.TryReplaceAsync(Arg.Any<Challenge>(), approved.Version, Arg.Any<CancellationToken>()).Returns(false);

        var result = await new ChallengeIssuer(store, Options(), TimeProvider.System).RejectAsync(approved.Id, "review refused", Ct);

        Assert.Equal(ChallengeTransitionStatus.ConcurrentChange, result.Status);
        Assert.Same(approved, result.Challenge);
    }

    [Fact]
    public async Task RejectAsync_AnApprovedChallenge_IsDone_WithTheReason()
    {
        var approved = (await _issuer.CreateAsync(Request(), Ct)) with { State = ChallengeState.Approved, Version = 2 };
        var stored = await _store.GetAsync(approved.Id, Ct);
        Assert.True(await _store.TryReplaceAsync(approved, stored!.Version, Ct));

        var result = await _issuer.RejectAsync(approved.Id, "review refused", Ct);

        Assert.Equal((true, ChallengeState.Rejected, "review refused"), (result.Succeeded, result.Challenge!.State, result.Challenge.Reason));
    }

    public void Dispose()
    {
        _platform.Dispose();
        _root.Dispose();
    }
}
