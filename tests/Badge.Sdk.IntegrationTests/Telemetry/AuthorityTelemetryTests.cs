using System.Diagnostics;
using Badge.Sdk.Issuance;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Badge.Sdk.TestData.EmulatorHost;

namespace Badge.Sdk.IntegrationTests.Telemetry;

/// <summary>The spans, log lines and measurements of badge lookups against the emulator over HTTP on 127.0.0.1.</summary>
public sealed class AuthorityTelemetryTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorHost _host = fixture.Host;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetBadge_IsOneLogicalSpan_WithHttpClientTags_AndTheHttpRequestUnderIt()
    {
        var issued = await _host.Client(KeyA).IssueBadgeAsync(Website(UniqueDomain("trace")), Ct);
        var client = _host.Client();
        using var capture = new TelemetryCapture();
        var root = capture.Begin();

        var badge = await client.GetBadgeAsync(issued.Id, Ct);

        Assert.Equal(issued.Id, badge.Id);
        var span = Assert.Single(capture.Spans, s => s.OperationName == "badge.authority.call");
        Assert.Equal("badge.authority GetBadge", span.DisplayName);
        Assert.Equal(ActivityKind.Internal, span.Kind);
        Assert.Equal(root.SpanId, span.ParentSpanId);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Equal("GetBadge", span.GetTagItem("badge.operation"));
        Assert.Equal(issued.Id, span.GetTagItem("badge.id"));
        Assert.Equal("success", span.GetTagItem("badge.outcome"));
        Assert.Equal("GET", span.GetTagItem("http.request.method"));
        Assert.Equal(_host.Address.Host, span.GetTagItem("server.address"));
        Assert.Equal(_host.Address.Port, span.GetTagItem("server.port"));
        Assert.Equal($"{_host.Address}api/v1/badges/{issued.Id}", span.GetTagItem("url.full"));
        Assert.Equal("api/v1/badges/{id}", span.GetTagItem("url.template"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
        Assert.Null(span.GetTagItem("error.type"));
        // .NET's own HTTP client span is the physical request under the logical one.
        var http = Assert.Single(capture.Spans, s => s.Source.Name == "System.Net.Http");
        Assert.Equal(span.SpanId, http.ParentSpanId);
    }

    [Fact]
    public async Task GetBadge_Unknown_IsAnErrorSpan_WithTheStatusAndTheAuthoritysCode_AndALogLine()
    {
        var logs = new CapturedLogs();
        var client = _host.Client(services: s => s.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug)));
        using var capture = new TelemetryCapture();
        capture.Begin();
        var id = "no-such-badge-" + Guid.NewGuid().ToString("N")[..8];

        var ex = await Assert.ThrowsAsync<BadgeAuthorityException>(() => client.GetBadgeAsync(id, Ct));

        var span = Assert.Single(capture.Spans, s => s.OperationName == "badge.authority.call");
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(404, span.GetTagItem("http.response.status_code"));
        Assert.Equal("404", span.GetTagItem("error.type"));
        Assert.Equal("client_error", span.GetTagItem("badge.outcome"));
        Assert.Equal(ex.Code, span.GetTagItem("badge.error.code"));
        Assert.Equal(AuthorityErrorCodes.UnknownBadge, ex.Code);
        var line = Assert.Single(logs.Lines, l => l.Category == "Badge.Sdk.Issuance.BadgeAuthorityClient" && l.Id.Id == 103);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Contains("GetBadge", line.Text, StringComparison.Ordinal);
        Assert.Contains("404 [unknown_badge]", line.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCertificate_FirstAMissWithTheAuthorityCallUnderIt_ThenAHitWithout()
    {
        var issued = await _host.Client(KeyA).IssueBadgeAsync(Website(UniqueDomain("cache")), Ct);
        var client = _host.Client();
        using var capture = new TelemetryCapture();
        capture.Begin();

        await client.GetCertificateAsync(issued.Id, Ct);
        await client.GetCertificateAsync(issued.Id, Ct);

        var lookups = capture.Spans.Where(s => s.OperationName == "badge.certificate.lookup").ToList();
        Assert.Equal(2, lookups.Count);
        var miss = Assert.Single(lookups, s => (string?)s.GetTagItem("badge.cache.result") == "miss");
        var hit = Assert.Single(lookups, s => (string?)s.GetTagItem("badge.cache.result") == "hit");
        Assert.Equal(issued.Id, miss.GetTagItem("badge.id"));
        Assert.Equal(issued.Id, hit.GetTagItem("badge.id"));
        Assert.Equal("authority", miss.GetTagItem("badge.certificate.source"));
        var call = Assert.Single(capture.Spans, s => s.OperationName == "badge.authority.call");
        Assert.Equal("badge.authority GetCertificate", call.DisplayName);
        Assert.Equal(miss.SpanId, call.ParentSpanId);
    }

    [Theory]
    [InlineData("GET", "http://127.0.0.1:5/api/v1/badges/b-1", "GetBadge", "api/v1/badges/{id}", "b-1")]
    [InlineData("GET", "http://127.0.0.1:5/prefix/api/v1/badges/b%2F2/certificate/signed", "GetSignedCertificate", "api/v1/badges/{id}/certificate/signed", "b/2")]
    [InlineData("GET", "http://127.0.0.1:5/api/v1/institutions/11360922MB0001230X/operator-grants/check?platform=weibo&accountId=a", "CheckOperatorGrant", "api/v1/institutions/{id}/operator-grants/check", null)]
    [InlineData("POST", "http://127.0.0.1:5/api/v1/institutions/11360922MB0001230X/operator-grants/g-1/revoke", "RevokeOperatorGrant", "api/v1/institutions/{id}/operator-grants/{id}/revoke", null)]
    [InlineData("GET", "http://127.0.0.1:5/badges/b-3.svg", "GetBadgeImage", "badges/{id}.svg", "b-3")]
    [InlineData("GET", "http://127.0.0.1:5/.well-known/badge-authority", "GetAuthorityMetadata", ".well-known/badge-authority", null)]
    [InlineData("DELETE", "http://127.0.0.1:5/api/v1/things/t-1", "DELETE api/v1/things/{id}", "api/v1/things/{id}", null)]
    public void Route_NamesTheOperation_AndKeepsIdsOutOfTheTemplate(string method, string url, string operation, string template, string? badgeId)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);

        var route = AuthorityTelemetryHandler.Route.Of(request);

        Assert.Equal(operation, route.Operation);
        Assert.Equal(template, route.Template);
        Assert.Equal(badgeId, route.BadgeId);
    }
}
