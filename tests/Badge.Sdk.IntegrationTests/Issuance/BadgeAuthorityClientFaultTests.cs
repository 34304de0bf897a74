using System.Diagnostics;
using Badge.Sdk.Issuance;
using static Badge.Sdk.TestData.EmulatorHost;

namespace Badge.Sdk.IntegrationTests.Issuance;

/// <summary>
/// The authority client against a real misbehaving authority on 127.0.0.1: every transport failure becomes a
/// <see cref="BadgeAuthorityException"/> with a code, within the attempt timeout (which covers the body), and nothing
/// past the size cap is read.
/// </summary>
public sealed class BadgeAuthorityClientFaultTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IBadgeAuthorityClient Client(FaultyAuthority faulty, Action<BadgeAuthorityClientOptions>? options = null) => fixture.Host.Client(options: o =>
    {
        o.BaseAddress = faulty.Address;
        o.AttemptTimeout = TimeSpan.FromMilliseconds(500);
        o.TotalTimeout = TimeSpan.FromSeconds(1);
        options?.Invoke(o);
    });

    private async Task<string> IssueAsync() => (await fixture.Host.Client(KeyA).IssueBadgeAsync(Website(UniqueDomain()), Ct)).Id;

    public static TheoryData<FaultMode, string> Cases() => new()
    {
        { FaultMode.ResetBeforeHeaders, AuthorityErrorCodes.TransportError },
        { FaultMode.ResetMidBody, AuthorityErrorCodes.TransportError },
        { FaultMode.StallAfterHeaders, AuthorityErrorCodes.TransportError },
        { FaultMode.StallMidBody, AuthorityErrorCodes.TransportError },
        { FaultMode.Trickle, AuthorityErrorCodes.TransportError },
        { FaultMode.HugeBody, AuthorityErrorCodes.ResponseTooLarge },
        { FaultMode.GarbageJson, AuthorityErrorCodes.InvalidResponse },
        { FaultMode.MissingField, AuthorityErrorCodes.InvalidResponse },
        { FaultMode.WrongContentType, AuthorityErrorCodes.UnexpectedContentType },
        { FaultMode.NotFound, AuthorityErrorCodes.UnknownBadge },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task GetBadge_Fault_ThrowsBadgeAuthorityExceptionWithItsCode_InTime(FaultMode mode, string code)
    {
        var id = await IssueAsync();
        await using var faulty = FaultyAuthority.Start(fixture.Host.Address);
        faulty.Mode = mode;
        faulty.MissingField = "organizerName";
        var client = Client(faulty);

        var watch = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<BadgeAuthorityException>(() => client.GetBadgeAsync(id, Ct));

        Assert.Equal(code, ex.Code);
        // TotalTimeout (1 s) bounds every mode, stalls and trickles included; generous for a loaded machine.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
        if (mode == FaultMode.HugeBody)
        {
            Assert.True(faulty.BytesSent < 32L * 1024 * 1024, $"{faulty.BytesSent} bytes sent");
        }
    }

    [Fact]
    public async Task GetBadgeImage_LargerThanMaxImageBytes_IsRefusedWhileStreaming()
    {
        var id = await IssueAsync();
        await using var faulty = FaultyAuthority.Start(fixture.Host.Address);
        faulty.Mode = FaultMode.HugeBody;
        var client = Client(faulty, o => o.MaxImageBytes = 4096);

        var ex = await Assert.ThrowsAsync<BadgeAuthorityException>(() => client.GetBadgeImageAsync(id, Ct));

        Assert.Equal(AuthorityErrorCodes.ResponseTooLarge, ex.Code);
        Assert.Contains("4096-byte cap", ex.Message, StringComparison.Ordinal);
        Assert.True(faulty.BytesSent < 32L * 1024 * 1024, $"{faulty.BytesSent} bytes sent");
    }

    [Fact]
    public async Task GetBadgeImage_UnderTheCap_WithTheRightType_IsRead()
    {
        var id = await IssueAsync();
        await using var faulty = FaultyAuthority.Start(fixture.Host.Address);

        var image = await Client(faulty).GetBadgeImageAsync(id, Ct);

        Assert.StartsWith("<svg", System.Text.Encoding.UTF8.GetString(image), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBadgeImage_WrongContentType_IsRefused()
    {
        var id = await IssueAsync();
        await using var faulty = FaultyAuthority.Start(fixture.Host.Address);
        faulty.Mode = FaultMode.WrongContentType;

        var ex = await Assert.ThrowsAsync<BadgeAuthorityException>(() => Client(faulty).GetBadgeImageAsync(id, Ct));

        Assert.Equal(AuthorityErrorCodes.UnexpectedContentType, ex.Code);
        Assert.Contains("text/html", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetMidBody_OnceThenRecovered_IsRetriedWithinTheCall()
    {
        var id = await IssueAsync();
        await using var faulty = FaultyAuthority.Start(fixture.Host.Address);
        faulty.Mode = FaultMode.ResetMidBody;
        var client = Client(faulty, o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(2);
            o.TotalTimeout = TimeSpan.FromSeconds(10);
        });

        // The retry strategy waits about 2 s before its first retry; the authority recovers before that.
        var call = client.GetBadgeAsync(id, Ct);
        await Task.Delay(500, Ct);
        faulty.Mode = FaultMode.None;
        var badge = await call;

        Assert.Equal(id, badge.Id);
        Assert.True(faulty.Requests >= 2, "the broken body was retried");
    }

    [Fact]
    public async Task GetCertificate_StalledAuthority_EveryWaiterGetsAnAnswerInTime()
    {
        var id = await IssueAsync();
        await using var faulty = FaultyAuthority.Start(fixture.Host.Address);
        faulty.Mode = FaultMode.StallMidBody;
        var client = Client(faulty);

        // Waiters without a token of their own: the shared flight's own deadline must end it.
#pragma warning disable xUnit1051 // deliberately no token: the flight's own deadline is under test
        var calls = Enumerable.Range(0, 4).Select(_ => Assert.ThrowsAsync<BadgeAuthorityException>(() => client.GetCertificateAsync(id).AsTask())).ToList();
#pragma warning restore xUnit1051
        var all = Task.WhenAll(calls);
        var finished = await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(10), Ct));

        Assert.Same(all, finished);
        Assert.All(await all, ex => Assert.Equal(AuthorityErrorCodes.TransportError, ex.Code));
    }
}
