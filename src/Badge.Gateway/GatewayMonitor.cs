using System.Collections.Concurrent;
using System.Net.Sockets;
using Badge.Sdk;
using Badge.Sdk.AspNetCore.Footer;
using Badge.Sdk.Issuance;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Forwarder;
using Badge.Sdk.Certificates;

namespace Badge.Gateway;

/// <summary>
/// What the health endpoint reports, kept current in the background so a load balancer's polling costs no I/O:
/// each badge as the authority last answered for it, each upstream destination as a TCP probe and the last proxied
/// request found it. Logs once per change of state, never per request.
/// </summary>
internal sealed partial class GatewayMonitor : BackgroundService
{
    private static readonly TimeSpan ProbeDeadline = TimeSpan.FromSeconds(3);

    private readonly IProxyStateLookup _proxy;
    private readonly IBadgeAuthorityClient _authority;
    private readonly BadgeFooterOptions _footer;
    private readonly GatewayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<GatewayMonitor> _logger;
    private readonly ConcurrentDictionary<string, UpstreamState> _upstreams = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, BadgeState> _badges = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _upstreamsProbed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _badgesProbed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GatewayMonitor(IProxyStateLookup proxy, IBadgeAuthorityClient authority, IOptions<BadgeFooterOptions> footer, GatewayOptions options, ILogger<GatewayMonitor> logger, TimeProvider? time = null)
    {
        _proxy = proxy;
        _authority = authority;
        _footer = footer.Value;
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = logger;
        var hostsById = _footer.Hosts.GroupBy(h => h.Value, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(h => h.Key).Order(StringComparer.OrdinalIgnoreCase).ToList(), StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(_footer.BadgeId))
        {
            hostsById.TryAdd(_footer.BadgeId, []);
            hostsById[_footer.BadgeId].Insert(0, "*");
        }

        foreach (var (id, hosts) in hostsById)
        {
            _badges[id] = new BadgeState(id, hosts);
        }
    }

    /// <summary>Completes once every upstream destination has been probed once.</summary>
    public Task UpstreamsProbed => _upstreamsProbed.Task;

    /// <summary>Completes once every badge has been read (or tried) once.</summary>
    public Task BadgesProbed => _badgesProbed.Task;

    public IReadOnlyCollection<BadgeState> Badges => [.. _badges.Values.OrderBy(b => b.BadgeId, StringComparer.Ordinal)];

    public IReadOnlyCollection<UpstreamState> Upstreams => [.. _upstreams.Values.OrderBy(u => u.Key, StringComparer.OrdinalIgnoreCase)];

    /// <summary>A badge read this long ago or more is stale: two refreshes missed.</summary>
    public TimeSpan StaleAfter => (_footer.RefreshInterval * 2) + _footer.RetryInterval;

    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>The clock the monitor runs on (the host's <see cref="TimeProvider"/>).</summary>
    public TimeProvider Time => _time;

    /// <summary>A proxied request reached the destination (or failed on the upstream's side).</summary>
    public void Forwarded(string clusterId, string destinationId, string address, ForwarderError error, Exception? exception)
    {
        var upstreamFault = error is ForwarderError.Request or ForwarderError.RequestTimedOut or ForwarderError.RequestBodyDestination
            or ForwarderError.ResponseBodyDestination or ForwarderError.ResponseHeaders or ForwarderError.UpgradeResponseDestination
            or ForwarderError.UpgradeRequestDestination;
        if (error != ForwarderError.None && !upstreamFault)
        {
            return; // the client went away or sent a bad body: says nothing about the upstream
        }

        var problem = error == ForwarderError.None ? null
            : error == ForwarderError.RequestTimedOut ? "did not answer in time"
            : $"{Describe(error)}: {Innermost(exception)}";
        SetUpstream(clusterId, destinationId, address, problem, _time.GetUtcNow());
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // Two loops, so a slow authority never delays the upstream probes (or the other way round).
        Task.WhenAll(LoopAsync(ProbeUpstreamsAsync, _upstreamsProbed, stoppingToken), LoopAsync(ProbeBadgesAsync, _badgesProbed, stoppingToken));

    private async Task LoopAsync(Func<CancellationToken, Task> probe, TaskCompletionSource probed, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await probe(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Nothing a probe meets may stop the gateway; the next round tries again.
                LogProbeFailed(_logger, ex);
            }

            probed.TrySetResult();
            try
            {
                await Task.Delay(_options.ProbeInterval, _time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ProbeBadgesAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var due = _badges.Values.Where(b => b.NextRead <= now).ToList();
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (badge, ct) =>
        {
            string? problem;
            BadgeRecord? record = null;
            try
            {
                record = await _authority.ResolveCurrentBadgeAsync(badge.BadgeId, ct);
                problem = record.Status == BadgeStatus.Revoked ? "revoked by the authority: its pages go out without a badge" : null;
            }
            catch (BadgeAuthorityException ex)
            {
                problem = $"the authority could not be read ({ex.Message})";
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                problem = "the authority did not answer in time";
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                problem = $"the authority's answer could not be used ({ex.Message})";
            }

            var read = _time.GetUtcNow();
            var next = read + (problem is null || record is not null ? _footer.RefreshInterval : _footer.RetryInterval);
            var updated = badge with
            {
                LastRead = record is not null ? read : badge.LastRead,
                Status = record?.Status ?? badge.Status,
                CurrentId = record?.Id ?? badge.CurrentId,
                Problem = problem,
                NextRead = next,
            };
            _badges[badge.BadgeId] = updated;
            if (problem != badge.Problem)
            {
                var hosts = string.Join(", ", badge.Hosts);
                if (problem is null)
                {
                    LogBadgeFine(_logger, badge.BadgeId, hosts, updated.CurrentId ?? badge.BadgeId);
                }
                else
                {
                    LogBadgeProblem(_logger, badge.BadgeId, hosts, problem);
                }
            }
        });
    }

    private async Task ProbeUpstreamsAsync(CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var probes = new List<Task>();
        foreach (var cluster in _proxy.GetClusters())
        {
            foreach (var (destinationId, destination) in cluster.Destinations)
            {
                var address = destination.Model.Config.Address;
                seen.Add(Key(cluster.ClusterId, destinationId));
                probes.Add(ProbeAsync(cluster.ClusterId, destinationId, address, cancellationToken));
            }
        }

        await Task.WhenAll(probes);
        foreach (var key in _upstreams.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            _upstreams.TryRemove(key, out _); // removed from the configuration
        }
    }

    private async Task ProbeAsync(string clusterId, string destinationId, string address, CancellationToken cancellationToken)
    {
        // What a probe finds is as old as the moment it started: a request that completed meanwhile knows better.
        var started = _time.GetUtcNow();
        string? problem = null;
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri))
        {
            problem = "its address is not a URL";
        }
        else
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(ProbeDeadline);
            try
            {
                using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(uri.Host, uri.Port, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                problem = $"a TCP connection to {uri.Host}:{uri.Port} did not open within {ProbeDeadline.TotalSeconds:0} s";
            }
            catch (SocketException ex)
            {
                problem = $"a TCP connection to {uri.Host}:{uri.Port} failed: {ex.Message}";
            }
        }

        SetUpstream(clusterId, destinationId, address, problem, started);
    }

    /// <summary>
    /// Records what one observation (a probe or a proxied request) found, unless a newer observation is already
    /// recorded: a probe that started before the upstream came back must not mark it down again after a request
    /// has found it up (and log the change twice).
    /// </summary>
    internal void SetUpstream(string clusterId, string destinationId, string address, string? problem, DateTimeOffset observed)
    {
        var key = Key(clusterId, destinationId);
        UpstreamState? previous = null;
        var stale = false;
        _upstreams.AddOrUpdate(
            key,
            _ =>
            {
                previous = null;
                stale = false;
                return new UpstreamState(key, clusterId, destinationId, problem, observed) { Observed = observed };
            },
            (_, old) =>
            {
                previous = old;
                stale = observed < old.Observed;
                if (stale)
                {
                    return old;
                }

                return (old.Problem is null) == (problem is null)
                    ? old with { Problem = problem, Observed = observed }
                    : new UpstreamState(key, clusterId, destinationId, problem, observed) { Observed = observed };
            });
        if (stale)
        {
            return;
        }

        var wasFine = previous is null || previous.Problem is null;
        if (wasFine && problem is not null)
        {
            LogUpstreamDown(_logger, key, address, problem);
        }
        else if (!wasFine && problem is null)
        {
            LogUpstreamUp(_logger, key, address);
        }
    }

    private static string Key(string clusterId, string destinationId) => $"{clusterId}/{destinationId}";

    private static string Describe(ForwarderError error) => error switch
    {
        ForwarderError.Request => "the request could not be sent",
        ForwarderError.ResponseHeaders => "no response headers came back",
        ForwarderError.ResponseBodyDestination => "the response body broke off",
        ForwarderError.RequestBodyDestination => "the request body could not be sent",
        _ => error.ToString(),
    };

    private static string Innermost(Exception? exception)
    {
        while (exception?.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception?.Message ?? "no detail";
    }

    [LoggerMessage(1, LogLevel.Warning, "Upstream {Upstream} ({Address}) is unreachable: {Problem}. Its requests get the gateway's 502/504 page until it answers again.")]
    private static partial void LogUpstreamDown(ILogger logger, string upstream, string address, string problem);

    [LoggerMessage(2, LogLevel.Information, "Upstream {Upstream} ({Address}) answers again.")]
    private static partial void LogUpstreamUp(ILogger logger, string upstream, string address);

    [LoggerMessage(3, LogLevel.Warning, "Badge {BadgeId} (hosts: {Hosts}): {Problem}. Pages keep the last footer read, if any.")]
    private static partial void LogBadgeProblem(ILogger logger, string badgeId, string hosts, string problem);

    [LoggerMessage(5, LogLevel.Error, "A health probe failed; it is tried again on the next round.")]
    private static partial void LogProbeFailed(ILogger logger, Exception exception);

    [LoggerMessage(4, LogLevel.Information, "Badge {BadgeId} (hosts: {Hosts}) is current at the authority as {CurrentId}.")]
    private static partial void LogBadgeFine(ILogger logger, string badgeId, string hosts, string currentId);
}

/// <summary>One badge as the authority last answered for it.</summary>
internal sealed record BadgeState(string BadgeId, IReadOnlyList<string> Hosts)
{
    public DateTimeOffset? LastRead { get; init; }

    public BadgeStatus? Status { get; init; }

    public string? CurrentId { get; init; }

    public string? Problem { get; init; } = "not read from the authority yet";

    public DateTimeOffset NextRead { get; init; } = DateTimeOffset.MinValue;
}

/// <summary>One upstream destination: fine (no problem) or what is wrong, and since when.</summary>
internal sealed record UpstreamState(string Key, string ClusterId, string DestinationId, string? Problem, DateTimeOffset Since)
{
    /// <summary>When the observation behind this state began; older observations are ignored.</summary>
    public DateTimeOffset Observed { get; init; }
}
