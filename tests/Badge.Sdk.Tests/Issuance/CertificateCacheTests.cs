using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Badge.Sdk.Certificates;
using Badge.Sdk.Issuance;
using Badge.Sdk.TestData;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Badge.Sdk.Tests.Issuance;

// The certificate cache on a clock the test moves: fresh hits ask nothing, a stale entry revalidates with its ETag,
// concurrent misses share one request, and a failure is not remembered. The authority's answers come from a stub
// handler; what is under test is the cache's own logic.
public sealed class CertificateCacheTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromMinutes(5);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BadgeAuthorityClient Client(StubAuthorityHandler handler)
    {
        var options = Options.Create(new BadgeAuthorityClientOptions { BaseAddress = new Uri("http://127.0.0.1:9/"), CertificateCacheDuration = Duration });
        return new BadgeAuthorityClient(new HttpClient(handler), options, new CertificateCache(_time, options));
    }

    private static HttpResponseMessage Certificate(string id, int version, string etag)
    {
        var response = StubAuthorityHandler.Json(HttpStatusCode.OK,
            JsonSerializer.Serialize(SampleCertificates.Website(id, version), CertificatesJsonContext.Default.BadgeCertificate));
        response.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue(etag);
        return response;
    }

    [Fact]
    public async Task AFreshEntry_IsServedWithoutAskingTheAuthority()
    {
        var handler = new StubAuthorityHandler(_ => Certificate("bdg-a", 1, "\"v1\""));
        var client = Client(handler);

        var first = await client.GetCertificateAsync("bdg-a", Ct);
        _time.Advance(Duration - TimeSpan.FromSeconds(1));
        var second = await client.GetCertificateAsync("bdg-a", Ct);

        Assert.Same(first, second);
        Assert.Equal(1, handler.Requests);
    }

    [Fact]
    public async Task AStaleEntry_IsRevalidatedWithItsETag_AndKeptOnNotModified()
    {
        var handler = new StubAuthorityHandler(request => request.Headers.IfNoneMatch.Count == 0
            ? Certificate("bdg-b", 1, "\"v1\"")
            : new HttpResponseMessage(HttpStatusCode.NotModified));
        var client = Client(handler);

        var first = await client.GetCertificateAsync("bdg-b", Ct);
        _time.Advance(Duration);
        var revalidated = await client.GetCertificateAsync("bdg-b", Ct);
        var third = await client.GetCertificateAsync("bdg-b", Ct);

        Assert.Equal([null, "\"v1\""], handler.IfNoneMatch);
        Assert.Same(first, revalidated);
        Assert.Same(first, third); // fresh again after the 304, without another request
        Assert.Equal(2, handler.Requests);
    }

    [Fact]
    public async Task AStaleEntry_IsReplacedWhenTheAuthorityHasANewVersion()
    {
        var version = 0;
        var handler = new StubAuthorityHandler(_ => Certificate("bdg-c", Interlocked.Increment(ref version), $"\"v{version}\""));
        var client = Client(handler);

        var first = await client.GetCertificateAsync("bdg-c", Ct);
        _time.Advance(Duration + TimeSpan.FromSeconds(1));
        var second = await client.GetCertificateAsync("bdg-c", Ct);

        Assert.Equal((1, 2), (first.Version, second.Version));
    }

    [Fact]
    public async Task ConcurrentMisses_ShareOneRequest()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new StubAuthorityHandler(async _ =>
        {
            await gate.Task.ConfigureAwait(false);
            return Certificate("bdg-d", 1, "\"v1\"");
        });
        var client = Client(handler);

        var lookups = Enumerable.Range(0, 8).Select(_ => client.GetCertificateAsync("bdg-d", Ct).AsTask()).ToArray();
        await WaitUntilAsync(() => handler.Requests > 0);
        gate.SetResult();
        var certificates = await Task.WhenAll(lookups);

        Assert.Equal(1, handler.Requests);
        Assert.All(certificates, c => Assert.Same(certificates[0], c));
    }

    [Fact]
    public async Task ACallerWhoStopsWaiting_DoesNotCancelTheSharedFetch()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new StubAuthorityHandler(async _ =>
        {
            await gate.Task.ConfigureAwait(false);
            return Certificate("bdg-e", 1, "\"v1\"");
        });
        var client = Client(handler);
        using var impatient = new CancellationTokenSource();

        var abandoned = client.GetCertificateAsync("bdg-e", impatient.Token).AsTask();
        var patient = client.GetCertificateAsync("bdg-e", Ct).AsTask();
        await WaitUntilAsync(() => handler.Requests > 0);
        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        gate.SetResult();

        Assert.Equal("bdg-e", (await patient).BadgeId);
        Assert.Equal(1, handler.Requests);
    }

    [Fact]
    public async Task AFailure_IsNotRemembered()
    {
        var calls = 0;
        var handler = new StubAuthorityHandler(_ => Interlocked.Increment(ref calls) == 1
            ? StubAuthorityHandler.Json(HttpStatusCode.ServiceUnavailable, """{"code":"unavailable"}""", "application/problem+json")
            : Certificate("bdg-f", 1, "\"v1\""));
        var client = Client(handler);

        var ex = await Assert.ThrowsAsync<BadgeAuthorityException>(() => client.GetCertificateAsync("bdg-f", Ct).AsTask());
        var second = await client.GetCertificateAsync("bdg-f", Ct);

        Assert.Equal(503, ex.Status);
        Assert.Equal("bdg-f", second.BadgeId);
        Assert.Equal(2, handler.Requests);
    }

    [Fact]
    public async Task EachLookup_IsASpanSayingHitOrMiss()
    {
        var id = "bdg-span-" + Guid.NewGuid().ToString("N")[..12];
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Badge.Sdk",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.OperationName == "badge.certificate.lookup" && (activity.GetTagItem("badge.id") as string) == id)
                {
                    lock (spans)
                    {
                        spans.Add(activity);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var client = Client(new StubAuthorityHandler(_ => Certificate(id, 1, "\"v1\"")));

        await client.GetCertificateAsync(id, Ct);
        await client.GetCertificateAsync(id, Ct);

        Assert.Equal(["miss", "hit"], spans.Select(s => s.GetTagItem("badge.cache.result") as string));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 30 s");
            await Task.Delay(10, Ct);
        }
    }
}
