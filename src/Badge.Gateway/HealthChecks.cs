using System.Globalization;
using System.Text.Json;
using Badge.Sdk;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Badge.Gateway;

/// <summary>
/// Badge freshness per host. Never Unhealthy: without its badge a page still goes out, and every gateway shares the
/// authority, so taking them all out of a load balancer for it would take the site down. Degraded says what is wrong.
/// </summary>
internal sealed class BadgeHealthCheck(GatewayMonitor monitor) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Right after start the first reads may still be under way; never hold a health request for the authority.
        await Task.WhenAny(monitor.BadgesProbed, Task.Delay(TimeSpan.FromSeconds(2), monitor.Time, cancellationToken));
        var now = monitor.Now;
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var problems = 0;
        foreach (var badge in monitor.Badges)
        {
            var age = badge.LastRead is { } read ? now - read : (TimeSpan?)null;
            var problem = badge.Problem
                ?? (age > monitor.StaleAfter ? $"last read {age.Value.TotalMinutes:0} min ago" : null);
            problems += problem is null ? 0 : 1;
            var text = problem is null
                ? $"{badge.CurrentId ?? badge.BadgeId} {badge.Status?.ToString().ToLowerInvariant()}, read {age!.Value.TotalSeconds:0} s ago"
                : $"{badge.BadgeId}: {problem}";
            foreach (var host in badge.Hosts)
            {
                data[host] = text;
            }
        }

        return problems == 0
            ? HealthCheckResult.Healthy($"{data.Count} host(s), every badge current", data)
            : HealthCheckResult.Degraded($"{problems} badge(s) not current; their pages keep the last footer read, or go out without one", data: data);
    }
}

/// <summary>Upstream reachability: Unhealthy when some cluster has no destination that answers.</summary>
internal sealed class UpstreamHealthCheck(GatewayMonitor monitor) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await monitor.UpstreamsProbed.WaitAsync(cancellationToken); // each probe has a 3 s deadline
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var upstreams = monitor.Upstreams;
        foreach (var upstream in upstreams)
        {
            data[upstream.Key] = upstream.Problem is null
                ? "reachable"
                : $"{upstream.Problem} (since {upstream.Since.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)})";
        }

        var clusters = upstreams.GroupBy(u => u.ClusterId, StringComparer.OrdinalIgnoreCase).ToList();
        var dead = clusters.Where(c => c.All(u => u.Problem is not null)).Select(c => c.Key).ToList();
        if (dead.Count > 0)
        {
            return HealthCheckResult.Unhealthy($"no destination reachable in: {string.Join(", ", dead)}", data: data);
        }

        return upstreams.Any(u => u.Problem is not null)
            ? HealthCheckResult.Degraded("some destinations unreachable; each cluster still has one", data: data)
            : HealthCheckResult.Healthy($"{upstreams.Count} destination(s) reachable", data);
    }
}

/// <summary>The health report as JSON: the overall status and each check's status, description and data.</summary>
internal static class HealthReportWriter
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await using var json = new Utf8JsonWriter(context.Response.Body, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", entry.Status.ToString());
            json.WriteString("description", entry.Description ?? entry.Exception?.Message);
            json.WriteStartObject("data");
            foreach (var (key, value) in entry.Data)
            {
                json.WriteString(key, value.ToString());
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
