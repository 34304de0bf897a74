using System.Diagnostics;
using System.Net;
using Badge.Sdk.AspNetCore.Telemetry;
using Badge.Sdk.Issuance;
using Badge.Sdk.Rendering;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Badge.Sdk.Certificates;

namespace Badge.Sdk.AspNetCore.Footer;

// Keeps every known badge fresh in the background: follows supersession, drops revoked badges, renders the fragment
// once per badge version and caches the image. Requests never wait for it. Each badge is refreshed on its own
// schedule, in its own task with its own deadline (RefreshTimeout) and its own try/catch: a failure keeps the last
// good footer, is retried with backoff, and is logged once per change of state; nothing escapes ExecuteAsync.
internal sealed class BadgeFooterRefresher : BackgroundService
{
    // Refreshes in flight at once; a stalled one holds a slot for at most RefreshTimeout.
    internal const int MaxConcurrentRefreshes = 16;

    // A badge the authority refuses for good (404, other 4xx, an answer that cannot be shown) is retried from
    // RefreshInterval, doubling, up to this.
    internal static readonly TimeSpan MaxRejectedRetry = TimeSpan.FromHours(1);

    private readonly BadgeFooterCatalog _catalog;
    private readonly IBadgeAuthorityClient _authority;
    private readonly BadgeFooterOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<BadgeFooterRefresher> _logger;
    private readonly BadgeFooterMetrics _metrics;
    private readonly Dictionary<string, BadgeState> _badges = new(StringComparer.Ordinal);
    private int _authorityDown;

    public BadgeFooterRefresher(BadgeFooterCatalog catalog, IBadgeAuthorityClient authority, IOptions<BadgeFooterOptions> options, TimeProvider time, ILogger<BadgeFooterRefresher> logger, BadgeFooterMetrics metrics)
    {
        _metrics = metrics;
        _catalog = catalog;
        _authority = authority;
        _options = options.Value;
        _time = time;
        _logger = logger;
        if (!string.IsNullOrEmpty(_options.BadgeId))
        {
            _catalog.Track(_options.BadgeId);
        }

        foreach (var id in _options.Hosts.Values.Distinct(StringComparer.Ordinal))
        {
            _catalog.Track(id);
        }
    }

    private enum Outcome
    {
        Success,
        Failing,
        Rejected,
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var running = new Dictionary<string, Task<DateTimeOffset>>(StringComparer.Ordinal);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // New ids first (a page is waiting to show them), then whatever is due.
                while (_catalog.Requests.TryRead(out var id))
                {
                    _badges.TryAdd(id, new BadgeState(id));
                }

                foreach (var (id, task) in running.Where(r => r.Value.IsCompleted).ToList())
                {
                    running.Remove(id);
                    _badges[id].Due = task.IsCompletedSuccessfully ? task.Result : _time.GetUtcNow() + _options.RetryInterval;
                    if (task.Exception is { } fault)
                    {
                        Log.RefresherFault(_logger, fault.InnerException ?? fault);
                    }
                }

                var now = _time.GetUtcNow();
                foreach (var state in _badges.Values.Where(b => b.Due <= now && !running.ContainsKey(b.Id)).OrderBy(b => b.Due).ToList())
                {
                    if (running.Count >= MaxConcurrentRefreshes)
                    {
                        break;
                    }

                    running[state.Id] = RefreshOneAsync(state, stoppingToken);
                }

                var idle = _badges.Values.Where(b => !running.ContainsKey(b.Id)).Select(b => b.Due).DefaultIfEmpty(now + _options.RefreshInterval).Min();
                var wait = running.Count >= MaxConcurrentRefreshes ? Timeout.InfiniteTimeSpan : idle - now;
                if (wait == Timeout.InfiniteTimeSpan || wait > TimeSpan.Zero)
                {
                    await WaitAsync(wait, running.Values, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // A bug here must not stop the host (BackgroundService's default) or the refreshes: log, pause, go on.
                Log.RefresherFault(_logger, ex);
                try
                {
                    await Task.Delay(_options.RetryInterval, _time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        try
        {
            await Task.WhenAll(running.Values).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Stopping: each refresh observes the token; nothing is left to report.
        }
    }

    // Wakes on a new id, a refresh finishing, or the next due time.
    private async Task WaitAsync(TimeSpan wait, IEnumerable<Task> running, CancellationToken stoppingToken)
    {
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var waits = new List<Task>(running) { _catalog.Requests.WaitToReadAsync(wake.Token).AsTask() };
        if (wait != Timeout.InfiniteTimeSpan)
        {
            waits.Add(Task.Delay(wait > TimeSpan.FromHours(1) ? TimeSpan.FromHours(1) : wait, _time, wake.Token));
        }

        await Task.WhenAny(waits).ConfigureAwait(false);
        await wake.CancelAsync().ConfigureAwait(false);
        // Observe the cancelled waits; never await the refreshes here (a stalled one would hold the loop).
        foreach (var task in waits.Skip(waits.Count - (wait == Timeout.InfiniteTimeSpan ? 1 : 2)))
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        stoppingToken.ThrowIfCancellationRequested();
    }

    // One badge, one deadline; returns when it is due next. Never throws but for the host stopping.
    private async Task<DateTimeOffset> RefreshOneAsync(BadgeState state, CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var activity = BadgeAspNetCoreTelemetry.Source.StartActivity(BadgeAspNetCoreTelemetry.FooterRefreshSpan);
        activity?.SetTag(BadgeAspNetCoreTelemetry.BadgeId, state.Id);
        using var deadline = new CancellationTokenSource(_options.RefreshTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, deadline.Token);
        TimeSpan next;
        try
        {
            next = await RefreshCoreAsync(state, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return DateTimeOffset.MaxValue;
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested)
        {
            next = Failed(state, ex, $"no complete answer within RefreshTimeout ({_options.RefreshTimeout}).", code: null, rejected: false);
        }
        catch (Exception ex)
        {
            next = Failed(state, ex);
        }

        Observe(activity, state);
        return _time.GetUtcNow() + next;
    }

    // The refresh's span and count: its outcome, the footer state it left and, when it failed, the error code.
    private void Observe(Activity? activity, BadgeState state)
    {
        var status = _catalog.GetStatus(state.Id);
        var outcome = state.Outcome == Outcome.Success ? "success" : "failure";
        var footerState = status.State.ToString();
        _metrics.Refreshed(outcome, footerState);
        if (activity is not null)
        {
            activity.SetTag(BadgeAspNetCoreTelemetry.Outcome, outcome);
            activity.SetTag(BadgeAspNetCoreTelemetry.FooterState, footerState);
            if (state.Outcome != Outcome.Success)
            {
                activity.SetTag(BadgeAspNetCoreTelemetry.ErrorType, status.ProblemCode ?? "refresh_failed");
                activity.SetStatus(ActivityStatusCode.Error, status.ProblemCode);
            }
        }
    }

    private async Task<TimeSpan> RefreshCoreAsync(BadgeState state, CancellationToken cancellationToken)
    {
        var id = state.Id;
        Log.Refreshing(_logger, id);
        // WaitAsync: the deadline holds even against a client that ignores its token.
        var badge = await _authority.ResolveCurrentBadgeAsync(id, cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);
        var previous = _catalog.Peek(id);
        if (badge.Status == BadgeStatus.Pending)
        {
            // Domain control is not shown yet: the badge vouches for nothing, so pages show none. Look again after
            // RetryInterval, not RefreshInterval; the site serves the token meanwhile (BadgeDomainValidationMiddleware).
            _catalog.Set(id, null);
            return Succeeded(state, BadgeFooterState.Pending, null, _options.RetryInterval, "the badge is pending domain validation: the authority has not yet fetched its token from the site.");
        }

        if (badge.Status == BadgeStatus.Revoked)
        {
            if (previous is not null)
            {
                Log.Revoked(_logger, id);
            }

            _catalog.Set(id, null);
            return Succeeded(state, BadgeFooterState.Revoked, null);
        }

        var certificate = await _authority.GetCertificateAsync(badge.Id, cancellationToken).AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
        var unchanged = previous is not null && previous.CurrentId == certificate.BadgeId && previous.Version == certificate.Version;
        if (unchanged && previous!.Image is not null)
        {
            return Succeeded(state, BadgeFooterState.Current, previous);
        }

        byte[] fragment;
        if (unchanged)
        {
            fragment = previous!.Fragment;
        }
        else
        {
            try
            {
                fragment = BadgeFooterRenderer.RenderFooter(certificate, new BadgeFooterRenderOptions
                {
                    Placement = _options.Placement,
                    AssetPath = _options.AssetPath,
                    OpenInNewTab = _options.OpenInNewTab,
                });
            }
            catch (ArgumentException ex)
            {
                var reason = ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal);
                throw new UnusableAnswerException(reason, ex);
            }
        }

        byte[]? image;
        Exception? imageFailure = null;
        try
        {
            image = await _authority.GetBadgeImageAsync(certificate.BadgeId, cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (BadgeAuthorityException ex)
        {
            // The footer still links to the certificate; the image is tried again soon. The one already cached for
            // this badge stays.
            imageFailure = ex;
            image = previous?.CurrentId == certificate.BadgeId ? previous.Image : null;
        }

        if (previous is not null && previous.CurrentId != certificate.BadgeId)
        {
            Log.Superseded(_logger, previous.CurrentId, certificate.BadgeId);
        }

        var entry = new FooterEntry(id, certificate.BadgeId, certificate.Version, fragment, image);
        _catalog.Set(id, entry);
        if (!unchanged)
        {
            Log.Refreshed(_logger, id, certificate.BadgeId, certificate.Version);
        }

        return imageFailure is null
            ? Succeeded(state, BadgeFooterState.Current, entry)
            : Failed(state, imageFailure, $"the badge image could not be read: {imageFailure.Message}", (imageFailure as BadgeAuthorityException)?.Code, rejected: false);
    }

    private TimeSpan Succeeded(BadgeState state, BadgeFooterState status, FooterEntry? shown, TimeSpan? next = null, string? problem = null)
    {
        var after = next ?? _options.RefreshInterval;
        if (state.Failures > 0 && state.Outcome == Outcome.Failing && Interlocked.Exchange(ref _authorityDown, 0) == 1)
        {
            Log.AuthorityBack(_logger, state.Id, state.Failures);
        }

        state.Failures = 0;
        state.Outcome = Outcome.Success;
        var now = _time.GetUtcNow();
        _catalog.SetStatus(new BadgeFooterStatus
        {
            BadgeId = state.Id,
            State = status,
            ShownBadgeId = shown?.CurrentId,
            ShownVersion = shown?.Version,
            Problem = problem,
            LastSuccessAt = now,
            NextAttemptAt = now + after,
        });
        return after;
    }

    private TimeSpan Failed(BadgeState state, Exception exception)
    {
        var (reason, code, rejected) = exception switch
        {
            BadgeAuthorityException { Status: (int)HttpStatusCode.NotFound } or BadgeAuthorityException { Code: AuthorityErrorCodes.UnknownBadge } =>
                ($"{((BadgeAuthorityException)exception).Status} {((BadgeAuthorityException)exception).Code}; {exception.Message}", ((BadgeAuthorityException)exception).Code ?? AuthorityErrorCodes.UnknownBadge, true),
            BadgeAuthorityException { Status: >= 400 and < 500 and not 408 and not 429 } authority => (exception.Message, authority.Code, true),
            BadgeAuthorityException authority => (exception.Message, authority.Code, false),
            UnusableAnswerException => (exception.Message, AuthorityErrorCodes.InvalidResponse, true),
            _ => (exception.Message, null, false),
        };
        return Failed(state, exception, reason, code, rejected);
    }

    // A badge that pages show treats every failure as passing (keeps its footer, retries on the short schedule): a
    // 404 or an unusable answer for a badge the authority served a moment ago is the authority misbehaving. A badge
    // never shown that the authority refuses for good is a configuration problem: an error once, slow retries.
    private TimeSpan Failed(BadgeState state, Exception exception, string reason, string? code, bool rejected)
    {
        reason = reason.TrimEnd();
        if (!reason.EndsWith('.'))
        {
            reason += ".";
        }

        var previous = _catalog.Peek(state.Id);
        rejected &= previous is null;
        var outcome = rejected ? Outcome.Rejected : Outcome.Failing;
        var changed = state.Outcome != outcome;
        state.Failures = changed ? 1 : state.Failures + 1;
        state.Outcome = outcome;
        var doublings = Math.Min(state.Failures - 1, 20);
        TimeSpan retry;
        if (rejected)
        {
            var cap = _options.RefreshInterval > MaxRejectedRetry ? _options.RefreshInterval : MaxRejectedRetry;
            retry = Min(_options.RefreshInterval * Math.Pow(2, doublings), cap);
        }
        else
        {
            retry = Min(_options.RetryInterval * Math.Pow(2, doublings), _options.RefreshInterval);
        }

        // Transport faults, timeouts and bad answers are expected when the authority is unwell: no stack trace.
        var unexpected = exception is not (BadgeAuthorityException or OperationCanceledException or UnusableAnswerException or HttpRequestException or IOException);
        var logged = unexpected ? exception : null;
        if (rejected)
        {
            if (changed && (code == AuthorityErrorCodes.UnknownBadge || exception is BadgeAuthorityException { Status: 404 }))
            {
                Log.UnknownBadge(_logger, state.Id, reason, retry);
            }
            else if (changed)
            {
                Log.BadgeRejected(_logger, state.Id, reason, retry);
            }
            else
            {
                Log.RetryScheduled(_logger, exception, state.Id, reason, retry);
            }
        }
        else if (Interlocked.Exchange(ref _authorityDown, 1) == 0)
        {
            var consequence = previous is not null
                ? $"Pages keep the last good footer (badge {previous.CurrentId} version {previous.Version})."
                : "Pages go out without the badge until it can be read.";
            Log.AuthorityDown(_logger, logged, state.Id, reason, consequence, retry);
        }
        else
        {
            Log.RetryScheduled(_logger, exception, state.Id, reason, retry);
        }

        var now = _time.GetUtcNow();
        var before = _catalog.GetStatus(state.Id);
        _catalog.SetStatus(new BadgeFooterStatus
        {
            BadgeId = state.Id,
            State = rejected ? BadgeFooterState.Rejected : BadgeFooterState.Failing,
            ShownBadgeId = previous?.CurrentId,
            ShownVersion = previous?.Version,
            Problem = reason,
            ProblemCode = code,
            LastSuccessAt = before.LastSuccessAt,
            NextAttemptAt = now + retry,
        });
        return retry;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private sealed class BadgeState(string id)
    {
        public string Id { get; } = id;

        // Set by the loop only, between refreshes.
        public DateTimeOffset Due { get; set; } = DateTimeOffset.MinValue;

        // Set by the badge's own refresh only (one at a time).
        public int Failures { get; set; }

        public Outcome Outcome { get; set; } = Outcome.Success;
    }

    // The authority answered, but with something the footer cannot show (no http(s) certificate page, say).
    private sealed class UnusableAnswerException(string message, Exception inner) : Exception(message, inner);
}
