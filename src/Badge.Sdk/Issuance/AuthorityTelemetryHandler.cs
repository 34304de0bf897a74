using System.Collections.Frozen;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Badge.Sdk.Json;
using Badge.Sdk.Telemetry;
using Microsoft.Extensions.Logging;

namespace Badge.Sdk.Issuance;

// The logical span, log lines and metrics of one authority call. Sits outside the resilience pipeline, so one span
// covers every attempt (.NET's own System.Net.Http spans are its children, one per attempt) and the retries are
// counted by the Attempts handler inside the pipeline. The operation name comes from the request's path, so the
// client's call sites stay free of telemetry code. Tags carry the method, the address without query or user info,
// the status, the error code and the badge id; never a header (the API key, the Idempotency-Key) or a body.
internal sealed class AuthorityTelemetryHandler(ILogger logger) : DelegatingHandler
{
    private static readonly HttpRequestOptionsKey<Counter> AttemptsKey = new("Badge.Sdk.Attempts");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var route = Route.Of(request);
        var counter = new Counter();
        request.Options.Set(AttemptsKey, counter);
        var started = Stopwatch.GetTimestamp();
        using var activity = BadgeTelemetry.Source.StartActivity(BadgeTelemetry.AuthorityCallSpan, ActivityKind.Internal);
        if (activity is not null)
        {
            activity.DisplayName = "badge.authority " + route.Operation;
            activity.SetTag(BadgeTelemetry.Operation, route.Operation);
            activity.SetTag(BadgeTelemetry.HttpRequestMethod, request.Method.Method);
            activity.SetTag(BadgeTelemetry.UrlTemplate, route.Template);
            if (request.RequestUri is { IsAbsoluteUri: true } uri)
            {
                activity.SetTag(BadgeTelemetry.ServerAddress, uri.Host);
                activity.SetTag(BadgeTelemetry.ServerPort, uri.Port);
                activity.SetTag(BadgeTelemetry.UrlFull, uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped));
            }

            if (route.BadgeId is not null)
            {
                activity.SetTag(BadgeTelemetry.BadgeId, route.BadgeId);
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var cancelled = ex is OperationCanceledException && cancellationToken.IsCancellationRequested;
            var outcome = cancelled ? "cancelled" : "transport_error";
            var errorType = ex.GetType().FullName ?? ex.GetType().Name;
            activity?.SetTag(BadgeTelemetry.Outcome, outcome);
            if (!cancelled)
            {
                BadgeTelemetry.SetError(activity, errorType);
            }

            Record(route, outcome, null, started);
            BadgeLog.AuthorityCallFailed(logger, route.Operation, request.Method.Method, route.Template, errorType, Elapsed(started), counter.Value);
            throw;
        }

        var status = (int)response.StatusCode;
        activity?.SetTag(BadgeTelemetry.HttpResponseStatusCode, status);
        if (counter.Value > 1)
        {
            activity?.SetTag(BadgeTelemetry.HttpRequestResendCount, counter.Value - 1);
        }

        if (status < 400)
        {
            activity?.SetTag(BadgeTelemetry.Outcome, "success");
            Record(route, "success", status, started);
            BadgeLog.AuthorityCallSucceeded(logger, route.Operation, request.Method.Method, route.Template, status, Elapsed(started));
            return response;
        }

        var code = await ProblemCodeAsync(response, cancellationToken).ConfigureAwait(false);
        var failure = status >= 500 ? "server_error" : "client_error";
        activity?.SetTag(BadgeTelemetry.Outcome, failure);
        if (code is not null)
        {
            activity?.SetTag(BadgeTelemetry.ErrorCode, code);
        }

        BadgeTelemetry.SetError(activity, status.ToString(CultureInfo.InvariantCulture), code);
        Record(route, failure, status, started);
        BadgeLog.AuthorityCallRefused(logger, route.Operation, request.Method.Method, route.Template, status, code ?? "no code", Elapsed(started));
        return response;
    }

    private static void Record(Route route, string outcome, int? status, long started)
    {
        var tags = new TagList
        {
            { BadgeTelemetry.Operation, route.Operation },
            { BadgeTelemetry.Outcome, outcome },
        };
        if (status is not null)
        {
            tags.Add(BadgeTelemetry.HttpResponseStatusCode, status.Value);
        }

        BadgeTelemetry.AuthorityCalls.Add(1, tags);
        BadgeTelemetry.AuthorityCallDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
    }

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    // The problem document's code, when the body is already buffered (BoundedResponseHandler, inside the pipeline,
    // does that for every answer); the client reads the same bytes again for its exception.
    private static async Task<string?> ProblemCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content is not ByteArrayContent
            || !BoundedResponseHandler.IsMediaType(response.Content.Headers, "application/problem+json", "application/json"))
        {
            return null;
        }

        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return bytes.Length == 0 ? null : JsonSerializer.Deserialize(bytes, BadgeJsonContext.Default.ProblemDocument)?.Code;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed class Counter
    {
        public int Value;
    }

    // Inside the resilience pipeline: counts the attempts of one call and logs every one after the first.
    internal sealed class Attempts(ILogger logger) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Options.TryGetValue(AttemptsKey, out var counter))
            {
                var attempt = Interlocked.Increment(ref counter.Value);
                if (attempt > 1)
                {
                    var route = Route.Of(request);
                    BadgeTelemetry.AuthorityRetries.Add(1, new KeyValuePair<string, object?>(BadgeTelemetry.Operation, route.Operation));
                    Activity.Current?.AddEvent(new ActivityEvent("badge.authority.retry", tags: new ActivityTagsCollection { [BadgeTelemetry.HttpRequestResendCount] = attempt - 1 }));
                    BadgeLog.AuthorityCallRetried(logger, route.Operation, request.Method.Method, route.Template, attempt);
                }
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    // The operation of a request, from its method and path: "GET api/v1/badges/{id}" is GetBadge. Ids are the odd
    // segments under api/v1 (collection/id/sub-collection/id), but for the fixed "certificate/signed" and
    // "operator-grants/check"; the path's ids never appear in the template.
    internal readonly record struct Route(string Operation, string Template, string? BadgeId)
    {
        private static readonly FrozenDictionary<string, string> Operations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["POST api/v1/badges"] = "IssueBadge",
            ["GET api/v1/badges/{id}"] = "GetBadge",
            ["GET api/v1/institutions/{id}/badges"] = "ListBadges",
            ["POST api/v1/badges/{id}/revoke"] = "RevokeBadge",
            ["POST api/v1/legacy-badges"] = "ImportLegacyBadge",
            ["POST api/v1/badges/{id}/supersede"] = "SupersedeBadge",
            ["GET api/v1/badges/{id}/certificate"] = "GetCertificate",
            ["GET api/v1/badges/{id}/certificate/signed"] = "GetSignedCertificate",
            ["GET badges/{id}.svg"] = "GetBadgeImage",
            ["GET .well-known/badge-authority"] = "GetAuthorityMetadata",
            ["POST api/v1/institutions/{id}/administrators"] = "AppointAdministrator",
            ["POST api/v1/institutions/{id}/operator-grants"] = "GrantOperator",
            ["POST api/v1/institutions/{id}/operator-grants/{id}/revoke"] = "RevokeOperatorGrant",
            ["GET api/v1/institutions/{id}/operator-grants/check"] = "CheckOperatorGrant",
            ["GET api/v1/institutions/{id}/audit"] = "GetAuditTrail",
            ["POST api/v1/credentials"] = "IssueCredential",
            ["POST api/v1/platform-credentials"] = "IssuePlatformCredential",
            ["POST api/v1/credentials/{id}/revoke"] = "RevokeCredential",
            ["GET api/v1/credentials/{id}/status"] = "GetCredentialStatus",
            ["POST api/v1/census-records"] = "SubmitCensusRecords",
            ["GET api/v1/institutions/{id}/census-records"] = "ListCensusRecords",
            ["GET api/v1/platforms/{id}/census-attachments"] = "ListCensusAttachments",
        }.ToFrozenDictionary(StringComparer.Ordinal);

        public static Route Of(HttpRequestMessage request)
        {
            var path = request.RequestUri is null ? string.Empty
                : request.RequestUri.IsAbsoluteUri ? request.RequestUri.AbsolutePath
                : request.RequestUri.OriginalString.Split('?', '#')[0];
            string template;
            string? badgeId = null;
            var api = path.IndexOf("api/v1/", StringComparison.Ordinal);
            var wellKnown = path.IndexOf(".well-known/", StringComparison.Ordinal);
            if (api >= 0)
            {
                var segments = path[(api + "api/v1/".Length)..].Split('/', StringSplitOptions.RemoveEmptyEntries);
                for (var i = 1; i < segments.Length; i += 2)
                {
                    if (!(segments[i] == "signed" && segments[i - 1] == "certificate") && !(segments[i] == "check" && segments[i - 1] == "operator-grants"))
                    {
                        if (i == 1 && segments[0] == "badges")
                        {
                            badgeId = Uri.UnescapeDataString(segments[1]);
                        }

                        segments[i] = "{id}";
                    }
                }

                template = "api/v1/" + string.Join('/', segments);
            }
            else if (wellKnown >= 0)
            {
                template = path[wellKnown..];
            }
            else if (path.EndsWith(".svg", StringComparison.Ordinal) && path.LastIndexOf("/badges/", StringComparison.Ordinal) is var badges and >= 0)
            {
                badgeId = Uri.UnescapeDataString(path[(badges + "/badges/".Length)..^".svg".Length]);
                template = "badges/{id}.svg";
            }
            else
            {
                template = "(other)";
            }

            var key = request.Method.Method + " " + template;
            return new Route(Operations.TryGetValue(key, out var operation) ? operation : key, template, badgeId);
        }
    }
}
