using System.Net;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Microsoft.Extensions.Options;

namespace Badge.Sdk.Tests.Issuance;

// How the client turns what the authority answers into a BadgeAuthorityException with a code: the mapping alone,
// behind a stub handler (the real authority, timeouts and slow bodies are the integration tests' work).
public sealed class BadgeAuthorityClientErrorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static BadgeAuthorityClient Client(StubAuthorityHandler handler, string? apiKey = null)
    {
        var options = Options.Create(new BadgeAuthorityClientOptions { BaseAddress = new Uri("http://127.0.0.1:9/"), ApiKey = apiKey });
        return new BadgeAuthorityClient(new HttpClient(handler), options, new CertificateCache(TimeProvider.System, options));
    }

    [Fact]
    public async Task AProblemDocument_GivesItsCodeFieldAndTheRequestId()
    {
        var handler = new StubAuthorityHandler(_ =>
        {
            var response = StubAuthorityHandler.Json(HttpStatusCode.NotFound,
                """{"title":"Not found","status":404,"detail":"no badge has this id","code":"unknown_badge","field":"badgeId"}""", "application/problem+json");
            response.Headers.Add("X-Request-Id", "req-42");
            return response;
        });

        var ex = await Assert.ThrowsAsync<BadgeAuthorityException>(() => Client(handler).GetBadgeAsync("bdg-1", Ct));

        Assert.Equal<(int?, string?, string?, string?)>((404, AuthorityErrorCodes.UnknownBadge, "badgeId", "req-42"), (ex.Status, ex.Code, ex.Field, ex.RequestId));
        Assert.Contains("no badge has this id", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AProblemDocumentWithoutRequestIdHeader_GivesItsTraceId()
    {
        var handler = new StubAuthorityHandler(_ => StubAuthorityHandler.Json(HttpStatusCode.Conflict,
            """{"status":409,"code":"badge_exists","traceId":"00-abc-01"}""", "application/problem+json"));

        var ex = await Assert.ThrowsAsync<BadgeAuthorityException>(() => Client(handler).GetBadgeAsync("bdg-1", Ct));

        Assert.Equal<(int?, string?, string?)>((409, "badge_exists", "00-abc-01"), (ex.Status, ex.Code, ex.RequestId));
    }

    [Fact]
    public async Task AnErrorPageThatIsNotJson_KeepsTheStatusAndHasNoCode()
    {
        var handler = new StubAuthorityHandler(_ => StubAuthorityHandler.Json(HttpStatusCode.BadGateway, "<html>proxy error</html>", "text/html"));

        var ex = await Assert.ThrowsAsync<BadgeAuthorityException>(() => Client(handler).GetBadgeAsync("bdg-1", Ct));

        Assert.Equal<(int?, string?)>((502, null), (ex.Status, ex.Code));
        Assert.Contains("502", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreadableProblemDocument_KeepsTheStatusAndHasNoCode()
    {
        var handler = new StubAuthorityHandler(_ => StubAuthorityHandler.Json(HttpStatusCode.InternalServerError, "{\"code\":", "application/problem+json"));

        var ex = await Assert.ThrowsAsync<BadgeAuthorityException>(() => Client(handler).GetBadgeAsync("bdg-1", Ct));

        Assert.Equal<(int?, string?)>((500, null), (ex.Status, ex.Code));
    }

    [Fact]
    public async Task ASuccessOfAnotherMediaType_IsUnexpectedContentType()
    {
        var handler = new StubAuthorityHandler(_ => StubAuthorityHandler.Json(HttpStatusCode.OK, "<html>captive portal</html>", "text/html"));

        var ex = await Assert.ThrowsAsync<BadgeAuthorityException>(() => Client(handler).GetBadgeAsync("bdg-1", Ct));

        Assert.Equal<(int?, string?)>((200, AuthorityErrorCodes.UnexpectedContentType), (ex.Status, ex.Code));
    }

    [Theory]
    [InlineData("{\"badgeId\":")]
    [InlineData("null")]
    [InlineData("{\"badgeId\":\"bdg-1\",\"uscc\":\"not-a-code\"}")]
    public async Task ASuccessThatIsNotTheModel_IsInvalidResponse(string body)
    {
        var handler = new StubAuthorityHandler(_ => StubAuthorityHandler.Json(HttpStatusCode.OK, body));

        var ex = await Assert.ThrowsAsync<BadgeAuthorityException>(() => Client(handler).GetBadgeAsync("bdg-1", Ct));

        Assert.Equal<(int?, string?)>((200, AuthorityErrorCodes.InvalidResponse), (ex.Status, ex.Code));
    }

    [Fact]
    public async Task AConnectionFailure_IsATransportErrorWithoutStatus()
    {
        var handler = StubAuthorityHandler.Throwing(new HttpRequestException("connection refused"));

        var ex = await Assert.ThrowsAsync<BadgeAuthorityException>(() => Client(handler).GetBadgeAsync("bdg-1", Ct));

        Assert.Equal<(int?, string?)>((null, AuthorityErrorCodes.TransportError), (ex.Status, ex.Code));
        Assert.IsType<HttpRequestException>(ex.InnerException);
    }

    [Fact]
    public async Task TheCallersOwnCancellation_StaysACancellation()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var handler = StubAuthorityHandler.Throwing(new OperationCanceledException(cancelled.Token));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client(handler).GetBadgeAsync("bdg-1", cancelled.Token));
    }

    [Fact]
    public async Task AMutatingCallWithoutApiKey_IsRefusedBeforeAnyRequest()
    {
        var handler = new StubAuthorityHandler(_ => StubAuthorityHandler.Json(HttpStatusCode.OK, "{}"));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => Client(handler).RevokeBadgeAsync("bdg-1", "closed", Ct));

        Assert.Contains(nameof(BadgeAuthorityClientOptions.ApiKey), ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, handler.Requests);
    }

    [Fact]
    public async Task AMutatingCall_SendsTheApiKeyAndANewIdempotencyKeyEachTime()
    {
        var keys = new List<(string? ApiKey, string? Idempotency)>();
        var handler = new StubAuthorityHandler(request =>
        {
            keys.Add((request.Headers.GetValues("X-Api-Key").Single(), request.Headers.GetValues("Idempotency-Key").Single()));
            return StubAuthorityHandler.Json(HttpStatusCode.NotFound, """{"code":"unknown_badge"}""", "application/problem+json");
        });
        var client = Client(handler, apiKey: "key-1");

        await Assert.ThrowsAsync<BadgeAuthorityException>(() => client.RevokeBadgeAsync("bdg-1", "closed", Ct));
        await Assert.ThrowsAsync<BadgeAuthorityException>(() => client.RevokeBadgeAsync("bdg-1", "closed", Ct));

        Assert.All(keys, k => Assert.Equal("key-1", k.ApiKey));
        Assert.NotEqual(keys[0].Idempotency, keys[1].Idempotency);
    }

    [Fact]
    public async Task TheDefaultUscc_IsRefusedNamingTheArgument()
    {
        var handler = new StubAuthorityHandler(_ => StubAuthorityHandler.Json(HttpStatusCode.OK, "{}"));

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Client(handler).ListBadgesAsync(default(UnifiedSocialCreditCode), cancellationToken: Ct));

        Assert.Equal("uscc", ex.ParamName);
        Assert.Equal(0, handler.Requests);
    }
}
