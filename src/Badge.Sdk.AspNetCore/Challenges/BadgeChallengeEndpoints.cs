using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Badge.Sdk.Challenges;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Badge.Sdk.AspNetCore.Challenges;

/// <summary>
/// The endpoints of the QR challenge on a platform host (registered by <c>AddBadgeChallenges</c>, mapped by
/// <c>MapBadgeChallenges</c>): create (POST <c>{prefix}</c>), fetch the signed request
/// (GET <c>{prefix}/{id}/request</c>; the QR's URL), answer (POST <c>{prefix}/{id}/answer</c>) and poll the status
/// with the poll token the QR never carries (GET <c>{prefix}/{id}/status</c>, header <c>X-Poll-Token</c>).
/// </summary>
/// <remarks>
/// Input is bounded before anything is signed or stored: the create body at <see cref="MaxCreateBodyBytes"/>,
/// <c>accountId</c> at <see cref="ChallengeIssuer.MaxAccountIdLength"/> characters, <c>uscc</c> at
/// <see cref="MaxUsccInputLength"/> characters as typed, <c>name</c> at <see cref="OrganizerName.MaxLength"/>
/// characters, an answer at 64 KiB and its operator id at <see cref="ChallengeVerifier.MaxOperatorIdLength"/>; a
/// value out of bounds is a 400 problem naming the field. When the authority cannot be asked for an answer's
/// revocation or grant check, the answer endpoint says 503 with a <c>Retry-After</c> and leaves the challenge as it
/// was.
/// </remarks>
public static partial class BadgeChallengeEndpoints
{
    /// <summary>The rate-limiter policy the endpoints use.</summary>
    public const string RateLimiterPolicy = "badge-challenges";

    /// <summary>The largest body the create endpoint reads.</summary>
    public const int MaxCreateBodyBytes = 16 * 1024;

    /// <summary>The longest unified social credit code accepted as typed (before normalising spaces and full-width forms).</summary>
    public const int MaxUsccInputLength = 64;

    // The largest answer (a compact JWS) the answer endpoint reads: the core's limit for every JWS it parses
    // (JwsReader.MaxLength, internal to Badge.Sdk), so an answer is never refused here that the verifier would read.
    internal const int MaxAnswerBytes = 64 * 1024;

    /// <summary>The seconds a client is told to wait (<c>Retry-After</c>) when the authority cannot be reached.</summary>
    public const int RetryAfterSeconds = 5;

    // Mapped by MapBadgeChallenges (BadgeChallengeExtensions, in the package's root namespace).
    internal static RouteGroupBuilder Map(IEndpointRouteBuilder endpoints, string prefix)
    {
        var group = endpoints.MapGroup(prefix);
        group.MapPost("/", CreateAsync).RequireRateLimiting(RateLimiterPolicy);
        group.MapGet("/{id}/request", RequestAsync);
        group.MapPost("/{id}/answer", AnswerAsync).RequireRateLimiting(RateLimiterPolicy);
        group.MapGet("/{id}/status", StatusAsync).RequireRateLimiting(RateLimiterPolicy);
        return group;
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, ChallengeIssuer issuer, IOptions<BadgeChallengeEndpointOptions> options)
    {
        var o = options.Value;
        var (body, bodyProblem) = await ReadCreateBodyAsync(request).ConfigureAwait(false);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        if (string.IsNullOrWhiteSpace(body?.AccountId))
        {
            return Problem("accountId", "missing_field", "accountId is required");
        }

        if (body.AccountId.Length > ChallengeIssuer.MaxAccountIdLength)
        {
            return Problem("accountId", "too_long", $"accountId is longer than {ChallengeIssuer.MaxAccountIdLength} characters");
        }

        if (body.AccountId.AsSpan().ContainsAnyInRange('\0', '\x1f') || body.AccountId.Contains('\x7f', StringComparison.Ordinal))
        {
            return Problem("accountId", "invalid_field", "accountId holds a control character");
        }

        if (body.Uscc?.Length > MaxUsccInputLength)
        {
            return Problem("uscc", "too_long", $"uscc is longer than {MaxUsccInputLength} characters");
        }

        if (body.Name?.Length > 4 * OrganizerName.MaxLength)
        {
            return Problem("name", "too_long", $"name is longer than {OrganizerName.MaxLength} characters");
        }

        var uscc = UnifiedSocialCreditCode.Validate(body.Uscc ?? string.Empty);
        if (!uscc.IsValid)
        {
            return Problem("uscc", "invalid_uscc", "uscc: " + string.Join("; ", uscc.Problems.Select(p => p.Message)));
        }

        if (!OrganizerName.TryParse(body.Name, out var name, out var nameProblem))
        {
            return Problem("name", "invalid_name", "name: " + nameProblem.Message);
        }

        var challenge = await issuer.CreateAsync(
            new CreateChallengeRequest
            {
                Platform = o.Platform,
                AccountId = body.AccountId.Trim(),
                Uscc = uscc.Code.Value,
                InstitutionName = name,
                PlatformCertificate = o.Certificate!,
                PlatformChain = o.Chain,
            },
            request.HttpContext.RequestAborted).ConfigureAwait(false);
        var url = new Uri(o.PublicBaseAddress!, $"{request.PathBase}{request.Path.Value?.TrimEnd('/')}/{challenge.Id}/request".TrimStart('/'));
        return TypedResults.Created(url, new CreatedChallenge(challenge.Id, url.AbsoluteUri, challenge.DisplayCode, challenge.PollToken, challenge.ExpiresAt));
    }

    private static async Task<IResult> RequestAsync(string id, IChallengeStore store, CancellationToken cancellationToken)
    {
        var challenge = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (challenge is null)
        {
            return TypedResults.NotFound();
        }

        if (challenge.State == ChallengeState.Pending)
        {
            await store.TryReplaceAsync(challenge with { State = ChallengeState.Scanned, Version = challenge.Version + 1 }, challenge.Version, cancellationToken).ConfigureAwait(false);
        }

        return Results.Text(challenge.RequestJws, "application/jose");
    }

    private static async Task<IResult> AnswerAsync(string id, HttpRequest request, ChallengeVerifier verifier, ILoggerFactory loggers)
    {
        // Read at most one byte more than an answer may have: a larger body is refused without being read whole.
        using var reader = new StreamReader(request.Body, Encoding.ASCII);
        var buffer = new char[MaxAnswerBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await reader.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            length += read;
        }

        if (length > MaxAnswerBytes)
        {
            return Problem("answer", "too_large", $"the answer is larger than {MaxAnswerBytes} bytes");
        }

        var jws = new string(buffer, 0, length).Trim();

        // An answer signed for another challenge is refused here, before anything is consumed.
        ChallengeVerificationResult result;
        try
        {
            result = await verifier.VerifyForChallengeAsync(id, jws, request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (BadgeAuthorityException ex)
        {
            // Nothing was consumed: the same answer can be posted again once the authority answers.
            var unavailable = ex.Status is null or >= 500;
            AuthorityCheckFailed(loggers.CreateLogger(typeof(BadgeChallengeEndpoints)), id, ex.Message);
            if (unavailable)
            {
                request.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return TypedResults.Problem(
                unavailable
                    ? "The authority cannot be reached to check the credential and the operator's grant; the challenge is unchanged, post the answer again shortly."
                    : "The authority refused the platform's check of the answer; the platform's configuration needs attention.",
                statusCode: unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status502BadGateway,
                extensions: new Dictionary<string, object?> { ["code"] = unavailable ? "authority_unavailable" : "authority_refused" });
        }

        return TypedResults.Ok(new AnswerOutcome(result.IsValid, result.Reason, result.Challenge?.State.ToString()));
    }

    private static async Task<IResult> StatusAsync(string id, HttpRequest request, IChallengeStore store, CancellationToken cancellationToken)
    {
        var challenge = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        var token = request.Headers["X-Poll-Token"].ToString();
        if (challenge is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(token), Encoding.ASCII.GetBytes(challenge.PollToken)))
        {
            // The same answer whether the challenge is unknown or the token wrong: ids cannot be probed.
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(new ChallengeStatus(challenge.State.ToString(), challenge.Reason, challenge.ExpiresAt));
    }

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "The authority could not check an answer to challenge {ChallengeId}: {Reason}")]
    private static partial void AuthorityCheckFailed(ILogger logger, string challengeId, string reason);

    // Reads at most MaxCreateBodyBytes. A larger body is refused, naming the field being read when the cap was hit
    // (a 20 MB accountId is reported as accountId), without reading the rest.
    private static async Task<(CreateChallengeBody? Body, IResult? Problem)> ReadCreateBodyAsync(HttpRequest request)
    {
        var buffer = new byte[MaxCreateBodyBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            length += read;
        }

        if (length > MaxCreateBodyBytes)
        {
            var field = FieldAtTheCap(buffer);
            return (null, Problem(field, "too_long", field == "body" ? $"the body is larger than {MaxCreateBodyBytes} bytes" : $"{field} is too long"));
        }

        try
        {
            return (JsonSerializer.Deserialize(buffer.AsSpan(0, length), ChallengeEndpointJsonContext.Default.CreateChallengeBody), null);
        }
        catch (JsonException)
        {
            return (null, Problem("body", "invalid_json", "the body must be a JSON object with accountId, uscc and name"));
        }
    }

    private static string FieldAtTheCap(byte[] prefix)
    {
        var reader = new Utf8JsonReader(prefix, isFinalBlock: false, state: default);
        string? property = null;
        try
        {
            while (reader.Read())
            {
                property = reader.TokenType == JsonTokenType.PropertyName ? reader.GetString() : null;
            }
        }
        catch (JsonException)
        {
            return "body";
        }

        // The reader stopped inside the value of the last property it read.
        return property is "accountId" or "uscc" or "name" ? property : "body";
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem(string field, string code, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, extensions: new Dictionary<string, object?> { ["code"] = code, ["field"] = field });

    internal sealed record CreateChallengeBody(string? AccountId, string? Uscc, string? Name);

    internal sealed record CreatedChallenge(string Id, string Url, string DisplayCode, string PollToken, DateTimeOffset ExpiresAt);

    internal sealed record AnswerOutcome(bool Approved, string? Reason, string? State);

    internal sealed record ChallengeStatus(string State, string? Reason, DateTimeOffset ExpiresAt);
}
