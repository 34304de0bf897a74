using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Badge.Sdk.Certificates;
using Badge.Sdk.Credentials;
using Badge.Sdk.Identity;
using Badge.Sdk.Json;
using Badge.Sdk.Platforms;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Badge.Sdk.Issuance;

// The typed HttpClient behind IBadgeAuthorityClient and the clients by concern (grants, credentials, census): one
// transport (pipeline, error mapping, size caps, deadlines) for the whole protocol. Mutating calls carry an Idempotency-Key made here, above
// the resilience handler, so a retried attempt can never create a second badge.
internal sealed partial class BadgeAuthorityClient : IBadgeAuthorityClient, IOperatorGrantClient, ICredentialAuthorityClient, ICensusClient
{
    internal const string ApiKeyHeader = "X-Api-Key";
    internal const string IdempotencyKeyHeader = "Idempotency-Key";
    internal const string RequestIdHeader = "X-Request-Id";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly HttpClient _http;
    private readonly BadgeAuthorityClientOptions _options;
    private readonly CertificateCache _cache;

    public BadgeAuthorityClient(HttpClient http, IOptions<BadgeAuthorityClientOptions> options, CertificateCache cache)
    {
        _http = http;
        _options = options.Value;
        _cache = cache;
        _http.BaseAddress ??= _options.BaseAddress;
    }

    public Task<IssuedBadge> IssueBadgeAsync(IssueBadgeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(HttpMethod.Post, "api/v1/badges", request, IssuanceJsonContext.Default.IssueBadgeRequest, IssuanceJsonContext.Default.IssuedBadge, cancellationToken);
    }

    public Task<BadgeRecord> GetBadgeAsync(string badgeId, CancellationToken cancellationToken = default) =>
        SendAsync<object, BadgeRecord>(HttpMethod.Get, $"api/v1/badges/{Escape(badgeId)}", null, null, IssuanceJsonContext.Default.BadgeRecord, cancellationToken);

    public async Task<BadgeRecord> ResolveCurrentBadgeAsync(string badgeId, CancellationToken cancellationToken = default)
    {
        var badge = await GetBadgeAsync(badgeId, cancellationToken).ConfigureAwait(false);
        for (var step = 0; step < 8 && badge is { Status: BadgeStatus.Superseded, SupersededBy: { } next }; step++)
        {
            badge = await GetBadgeAsync(next, cancellationToken).ConfigureAwait(false);
        }

        return badge;
    }

    public Task<BadgePage> ListBadgesAsync(UnifiedSocialCreditCode uscc, int page = 1, int pageSize = 50, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 100);
        return SendAsync<object, BadgePage>(
            HttpMethod.Get,
            string.Create(CultureInfo.InvariantCulture, $"api/v1/institutions/{Code(uscc)}/badges?page={page}&pageSize={pageSize}"),
            null, null, IssuanceJsonContext.Default.BadgePage, cancellationToken);
    }

    public Task<BadgeRecord> RevokeBadgeAsync(string badgeId, string reason, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"api/v1/badges/{Escape(badgeId)}/revoke", new RevokeBody(reason), IssuanceJsonContext.Default.RevokeBody, IssuanceJsonContext.Default.BadgeRecord, cancellationToken);

    public Task<BadgeRecord> ImportLegacyBadgeAsync(ImportLegacyBadgeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(HttpMethod.Post, "api/v1/legacy-badges", request, IssuanceJsonContext.Default.ImportLegacyBadgeRequest, IssuanceJsonContext.Default.BadgeRecord, cancellationToken);
    }

    public Task<BadgeRecord> SupersedeBadgeAsync(string badgeId, string replacementId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"api/v1/badges/{Escape(badgeId)}/supersede", new SupersedeBody(replacementId), IssuanceJsonContext.Default.SupersedeBody, IssuanceJsonContext.Default.BadgeRecord, cancellationToken);

    public ValueTask<BadgeCertificate> GetCertificateAsync(string badgeId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(badgeId);
        return _cache.GetAsync(badgeId, this, cancellationToken);
    }

    public async Task<SignedBadgeCertificate> GetSignedCertificateAsync(string badgeId, CancellationToken cancellationToken = default)
    {
        var metadata = await GetAuthorityMetadataAsync(cancellationToken).ConfigureAwait(false);
        using var request = CreateRequest(HttpMethod.Get, $"api/v1/badges/{Escape(badgeId)}/certificate/signed", mutating: false);
        using var response = await SendCoreAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await ReadBodyAsync(request, response, _options.MaxResponseBytes, ["application/jose", "text/plain"], cancellationToken).ConfigureAwait(false);
        string jws;
        try
        {
            jws = StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException ex)
        {
            throw new BadgeAuthorityException(
                $"The signed certificate of badge '{badgeId}' is not UTF-8 text.", (int)response.StatusCode, AuthorityErrorCodes.InvalidResponse, null, RequestId(response), ex);
        }

        using var signer = metadata.LoadSigningCertificate();
        var verified = BadgeCertificateSignature.Verify(jws, signer, metadata.KeyId);
        if (!verified.IsValid)
        {
            throw new BadgeAuthorityException(
                $"The signed certificate of badge '{badgeId}' did not verify ({verified.Reason}): {verified.Message}.", (int)response.StatusCode, AuthorityErrorCodes.InvalidResponse, null, RequestId(response));
        }

        return new SignedBadgeCertificate { Jws = jws, Certificate = verified.Certificate };
    }

    public async Task<byte[]> GetBadgeImageAsync(string badgeId, CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(HttpMethod.Get, $"badges/{Escape(badgeId)}.svg", mutating: false);
        request.Headers.Accept.Clear();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("image/svg+xml"));
        request.Options.Set(BoundedResponseHandler.LimitKey, _options.MaxImageBytes);
        using var response = await SendCoreAsync(request, cancellationToken).ConfigureAwait(false);
        return (await ReadBodyAsync(request, response, _options.MaxImageBytes, ["image/svg+xml"], cancellationToken).ConfigureAwait(false)).ToArray();
    }

    public Task<AuthorityMetadata> GetAuthorityMetadataAsync(CancellationToken cancellationToken = default) =>
        SendAsync<object, AuthorityMetadata>(HttpMethod.Get, ".well-known/badge-authority", null, null, CertificatesJsonContext.Default.AuthorityMetadata, cancellationToken);

    public Task<AdministratorAppointment> AppointAdministratorAsync(UnifiedSocialCreditCode uscc, AdministratorAppointmentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(HttpMethod.Post, $"api/v1/institutions/{Code(uscc)}/administrators", request, IssuanceJsonContext.Default.AdministratorAppointmentRequest,
            IssuanceJsonContext.Default.AdministratorAppointment, cancellationToken);
    }

    public Task<OperatorGrant> GrantOperatorAsync(UnifiedSocialCreditCode uscc, OperatorGrantRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(HttpMethod.Post, $"api/v1/institutions/{Code(uscc)}/operator-grants", request, IssuanceJsonContext.Default.OperatorGrantRequest, IssuanceJsonContext.Default.OperatorGrant, cancellationToken);
    }

    public Task<OperatorGrant> RevokeOperatorGrantAsync(UnifiedSocialCreditCode uscc, string grantId, string signature, CancellationToken cancellationToken = default) =>
        SendAsync(
            HttpMethod.Post, $"api/v1/institutions/{Code(uscc)}/operator-grants/{Escape(grantId)}/revoke",
            new RevokeBody(null, signature), IssuanceJsonContext.Default.RevokeBody, IssuanceJsonContext.Default.OperatorGrant, cancellationToken);

    public Task<OperatorGrantCheck> CheckOperatorGrantAsync(UnifiedSocialCreditCode uscc, PlatformId platform, string accountId, string operatorId, CancellationToken cancellationToken = default) =>
        SendAsync<object, OperatorGrantCheck>(
            HttpMethod.Get,
            $"api/v1/institutions/{Code(uscc)}/operator-grants/check?platform={Escape(Value(platform))}&accountId={Escape(accountId)}&operatorId={Escape(operatorId)}",
            null, null, IssuanceJsonContext.Default.OperatorGrantCheck, cancellationToken, authenticated: true);

    public Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(UnifiedSocialCreditCode uscc, CancellationToken cancellationToken = default) =>
        SendAsync<object, IReadOnlyList<AuditEntry>>(
            HttpMethod.Get, $"api/v1/institutions/{Code(uscc)}/audit", null, null, IssuanceJsonContext.Default.IReadOnlyListAuditEntry, cancellationToken, authenticated: true);

    public Task<Badge.Sdk.Credentials.IssuedCredential> IssueCredentialAsync(byte[] signingRequest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signingRequest);
        return SendAsync(HttpMethod.Post, "api/v1/credentials", new Badge.Sdk.Credentials.CredentialRequest { Csr = Convert.ToBase64String(signingRequest) },
            CredentialsJsonContext.Default.CredentialRequest, CredentialsJsonContext.Default.IssuedCredential, cancellationToken);
    }

    public Task<Badge.Sdk.Credentials.IssuedCredential> IssueAdministratorCredentialAsync(byte[] signingRequest, string administratorId, string enrollmentCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signingRequest);
        ArgumentException.ThrowIfNullOrWhiteSpace(administratorId);
        ArgumentException.ThrowIfNullOrWhiteSpace(enrollmentCode);
        return SendAsync(HttpMethod.Post, "api/v1/credentials", new Badge.Sdk.Credentials.CredentialRequest
        {
            Csr = Convert.ToBase64String(signingRequest),
            AdministratorId = administratorId,
            EnrollmentCode = enrollmentCode,
        }, CredentialsJsonContext.Default.CredentialRequest, CredentialsJsonContext.Default.IssuedCredential, cancellationToken);
    }

    public Task<Badge.Sdk.Credentials.IssuedCredential> IssuePlatformCredentialAsync(byte[] signingRequest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signingRequest);
        return SendAsync(HttpMethod.Post, "api/v1/platform-credentials", new Badge.Sdk.Credentials.CredentialRequest { Csr = Convert.ToBase64String(signingRequest) },
            CredentialsJsonContext.Default.CredentialRequest, CredentialsJsonContext.Default.IssuedCredential, cancellationToken);
    }

    public Task<Badge.Sdk.Credentials.CredentialStatus> RevokeCredentialAsync(string serialNumber, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"api/v1/credentials/{Escape(serialNumber)}/revoke", new RevokeBody(null), IssuanceJsonContext.Default.RevokeBody,
            CredentialsJsonContext.Default.CredentialStatus, cancellationToken);

    public Task<Badge.Sdk.Credentials.CredentialStatus> GetCredentialStatusAsync(string serialNumber, CancellationToken cancellationToken = default) =>
        SendAsync<object, Badge.Sdk.Credentials.CredentialStatus>(
            HttpMethod.Get, $"api/v1/credentials/{Escape(serialNumber)}/status", null, null, CredentialsJsonContext.Default.CredentialStatus, cancellationToken);

    public Task<IReadOnlyList<CensusRecord>> SubmitCensusRecordsAsync(CensusSubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return SendAsync(HttpMethod.Post, "api/v1/census-records", submission, IssuanceJsonContext.Default.CensusSubmission, IssuanceJsonContext.Default.IReadOnlyListCensusRecord, cancellationToken);
    }

    public Task<IReadOnlyList<CensusRecord>> ListCensusRecordsAsync(UnifiedSocialCreditCode uscc, CancellationToken cancellationToken = default) =>
        SendAsync<object, IReadOnlyList<CensusRecord>>(
            HttpMethod.Get, $"api/v1/institutions/{Code(uscc)}/census-records", null, null, IssuanceJsonContext.Default.IReadOnlyListCensusRecord, cancellationToken, authenticated: true);

    /// <inheritdoc />
    public Task<IReadOnlyList<CensusRecord>> ListCensusAttachmentsAsync(PlatformId platform, CancellationToken cancellationToken = default) =>
        SendAsync<object, IReadOnlyList<CensusRecord>>(
            HttpMethod.Get, $"api/v1/platforms/{Escape(Value(platform))}/census-attachments", null, null, IssuanceJsonContext.Default.IReadOnlyListCensusRecord, cancellationToken, authenticated: true);

    // Called by the cache on a miss or after expiry; etag makes it a conditional request.
    internal async Task<(BadgeCertificate? Certificate, string? ETag)> FetchCertificateAsync(string badgeId, string? etag, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(HttpMethod.Get, $"api/v1/badges/{Escape(badgeId)}/certificate", mutating: false);
        if (etag is not null && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        using var response = await SendCoreAsync(request, cancellationToken, allowNotModified: true).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return (null, etag);
        }

        var certificate = await ReadAsync(request, response, CertificatesJsonContext.Default.BadgeCertificate, cancellationToken).ConfigureAwait(false);
        return (certificate, response.Headers.ETag?.ToString());
    }

    private async Task<TResponse> SendAsync<TRequest, TResponse>(
        HttpMethod method, string path, TRequest? body, JsonTypeInfo<TRequest>? requestType, JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken, bool authenticated = false)
    {
        var mutating = method != HttpMethod.Get && method != HttpMethod.Head;
        using var request = CreateRequest(method, path, mutating, authenticated);
        if (body is not null && requestType is not null)
        {
            request.Content = JsonContent(body, requestType);
        }

        using var response = await SendCoreAsync(request, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(request, response, responseType, cancellationToken).ConfigureAwait(false);
    }

    private HttpRequestMessage CreateRequest(HttpMethod method, string path, bool mutating, bool authenticated = false)
    {
        var request = new HttpRequestMessage(method, path);
        if (mutating || authenticated)
        {
            if (string.IsNullOrEmpty(_options.ApiKey))
            {
                request.Dispose();
                throw new InvalidOperationException(
                    $"{method} {path.Split('?')[0]} needs an API key: set BadgeAuthorityClientOptions.ApiKey.");
            }

            request.Headers.TryAddWithoutValidation(ApiKeyHeader, _options.ApiKey);
        }

        if (mutating)
        {
            request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, NewIdempotencyKey());
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    private async Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, CancellationToken cancellationToken, bool allowNotModified = false)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (TransportFailure(request, ex, cancellationToken) is { } failure)
        {
            throw failure;
        }

        if (response.IsSuccessStatusCode || (allowNotModified && response.StatusCode == HttpStatusCode.NotModified))
        {
            return response;
        }

        using (response)
        {
            throw await ToExceptionAsync(request, response, cancellationToken).ConfigureAwait(false);
        }
    }

    // Every way a call can fail below HTTP semantics, as a BadgeAuthorityException with a code; null for what is
    // not a transport failure (the caller's own cancellation, a BadgeAuthorityException already, a bug).
    private BadgeAuthorityException? TransportFailure(HttpRequestMessage request, Exception ex, CancellationToken cancellationToken)
    {
        var what = $"{request.Method} {request.RequestUri?.OriginalString.Split('?')[0]}";
        return ex switch
        {
            OperationCanceledException when cancellationToken.IsCancellationRequested => null,
            TimeoutRejectedException or TimeoutException or OperationCanceledException => new BadgeAuthorityException(
                $"The authority at {_http.BaseAddress} did not answer {what} in time (attempt timeout {_options.AttemptTimeout}, total {_options.TotalTimeout}, both covering the body).",
                null, AuthorityErrorCodes.TransportError, null, null, ex),
            BrokenCircuitException => new BadgeAuthorityException(
                $"The authority at {_http.BaseAddress} is not being called for {what}: the circuit breaker is open after repeated failures; it is tried again shortly.",
                null, AuthorityErrorCodes.TransportError, null, null, ex),
            HttpRequestException or IOException or ExecutionRejectedException => new BadgeAuthorityException(
                $"The authority at {_http.BaseAddress} could not be reached for {what}: {ex.Message}",
                null, AuthorityErrorCodes.TransportError, null, null, ex),
            _ => null,
        };
    }

    private async Task<BadgeAuthorityException> ToExceptionAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ProblemDocument? problem = null;
        try
        {
            var bytes = await BoundedResponseHandler.ReadAsync(response, request, _options.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
            if (bytes.Count > 0 && BoundedResponseHandler.IsMediaType(response.Content.Headers, "application/problem+json", "application/json"))
            {
                problem = JsonSerializer.Deserialize(bytes.AsSpan(), BadgeJsonContext.Default.ProblemDocument);
            }
        }
        catch (Exception ex) when (ex is JsonException or HttpRequestException or BadgeAuthorityException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Not a readable problem document; the status line below still says what happened.
        }

        var status = (int)response.StatusCode;
        var detail = problem?.Detail ?? problem?.Title ?? response.ReasonPhrase ?? "no detail";
        var field = problem?.Field is null ? string.Empty : $" (field '{problem.Field}')";
        var code = problem?.Code is null ? string.Empty : $" [{problem.Code}]";
        return new BadgeAuthorityException(
            $"The authority refused {request.Method} {request.RequestUri?.OriginalString.Split('?')[0]} with {status}{code}{field}: {detail}",
            status, problem?.Code, problem?.Field, RequestId(response) ?? problem?.TraceId);
    }

    private async Task<T> ReadAsync<T>(HttpRequestMessage request, HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(request, response, _options.MaxResponseBytes, ["application/json", "+json"], cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize(body.AsSpan(), type) ?? throw new JsonException("The response body is empty or null.");
        }
        catch (JsonException ex)
        {
            throw new BadgeAuthorityException(
                $"The authority's answer to {request.Method} {request.RequestUri?.OriginalString.Split('?')[0]} could not be read as {typeof(T).Name}: {ex.Message}",
                (int)response.StatusCode, AuthorityErrorCodes.InvalidResponse, null, RequestId(response), ex);
        }
    }

    // The body, capped, of the expected media type. Normally already buffered by BoundedResponseHandler inside the
    // resilience pipeline; read (and capped) here too in case a caller's own pipeline left it out.
    private async Task<ArraySegment<byte>> ReadBodyAsync(HttpRequestMessage request, HttpResponseMessage response, int limit, string[] mediaTypes, CancellationToken cancellationToken)
    {
        if (!BoundedResponseHandler.IsMediaType(response.Content.Headers, mediaTypes))
        {
            throw new BadgeAuthorityException(
                $"The authority answered {request.Method} {request.RequestUri?.OriginalString.Split('?')[0]} with Content-Type '{response.Content.Headers.ContentType?.ToString() ?? "(none)"}', not {string.Join(" or ", mediaTypes)}.",
                (int)response.StatusCode, AuthorityErrorCodes.UnexpectedContentType, null, RequestId(response));
        }

        try
        {
            return await BoundedResponseHandler.ReadAsync(response, request, limit, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (TransportFailure(request, ex, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    private static ByteArrayContent JsonContent<T>(T body, JsonTypeInfo<T> type)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, type));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private static string? RequestId(HttpResponseMessage response) =>
        response.Headers.TryGetValues(RequestIdHeader, out var values) ? values.FirstOrDefault() : null;

    private static string NewIdempotencyKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static string Escape(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        return Uri.EscapeDataString(value);
    }

    private static string Code(UnifiedSocialCreditCode uscc)
    {
        if (uscc.IsDefault)
        {
            throw new ArgumentException("The unified social credit code is the uninitialised default value.", nameof(uscc));
        }

        return uscc.ToString();
    }

    private static string Value(PlatformId platform, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(platform))] string? name = null) =>
        platform.IsDefault ? throw new ArgumentException("The platform id is the uninitialised default value.", name) : platform.Value;
}
