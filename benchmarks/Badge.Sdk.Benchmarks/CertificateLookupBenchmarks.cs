using System.Net;
using System.Text.Json;
using Badge.Sdk.Certificates;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace Badge.Sdk.Benchmarks;

/// <summary>
/// A certificate lookup served from the client's in-memory cache (the footer middleware's hot path).
/// Target (authority issue): under 1 µs and no allocation on a hit.
/// </summary>
[MemoryDiagnoser]
public class CertificateLookupBenchmarks
{
    private const string BadgeId = "bdg-0123456789abcdef0123";
    private ServiceProvider _provider = null!;
    private IBadgeAuthorityClient _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        var certificate = Badge.Sdk.TestData.SampleCertificates.Website(BadgeId);
        var body = JsonSerializer.SerializeToUtf8Bytes(certificate, CertificatesJsonContext.Default.BadgeCertificate);

        var services = new ServiceCollection();
        services.AddBadgeAuthorityClient(o =>
        {
            o.BaseAddress = new Uri("http://127.0.0.1:5280/");
            o.CertificateCacheDuration = TimeSpan.FromHours(1);
        }).ConfigurePrimaryHttpMessageHandler(() => new FixedResponseHandler(body));
        _provider = services.BuildServiceProvider();
        _client = _provider.GetRequiredService<IBadgeAuthorityClient>();
        _client.GetCertificateAsync(BadgeId).AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _provider.Dispose();

    [Benchmark]
    public BadgeCertificate CachedHit()
    {
        var lookup = _client.GetCertificateAsync(BadgeId);
        // A hit completes synchronously; anything else would be a cache miss and a wrong measurement.
        return lookup.IsCompletedSuccessfully ? lookup.Result : throw new InvalidOperationException("cache miss");
    }

    private sealed class FixedResponseHandler(byte[] body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) };
            response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            response.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue("\"v1\"");
            return Task.FromResult(response);
        }
    }
}
