using System.Diagnostics.Metrics;
using System.Text;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Badge.Gateway;

/// <summary>
/// After YARP: tells the monitor how the upstream fared, and when it failed before the response started (down,
/// timed out, reset) answers YARP's 502/504 with a page of the gateway's own instead of an empty body.
/// </summary>
internal sealed class UpstreamErrorPages(RequestDelegate next, GatewayMonitor monitor, GatewayMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        var destination = context.Features.Get<IReverseProxyFeature>()?.ProxiedDestination;
        var error = context.GetForwarderErrorFeature();
        if (destination is not null)
        {
            var cluster = context.Features.Get<IReverseProxyFeature>()!.Cluster.Config.ClusterId;
            monitor.Forwarded(cluster, destination.DestinationId, destination.Model.Config.Address, error?.Error ?? ForwarderError.None, error?.Exception);
        }

        if (error is null)
        {
            return;
        }

        metrics.UpstreamError(error.Error);
        var status = context.Response.StatusCode;
        if (context.Response.HasStarted || status < 500)
        {
            return; // mid-body: YARP has aborted the connection, as a direct site would; or a client-side error
        }

        var (title, text) = status switch
        {
            StatusCodes.Status504GatewayTimeout => ("504 Gateway Timeout", "网站服务器未能及时响应，请稍后再试。The site's server did not answer in time; please try again shortly."),
            StatusCodes.Status503ServiceUnavailable => ("503 Service Unavailable", "网站服务器暂时不可用，请稍后再试。No server of this site is available; please try again shortly."),
            _ => ("502 Bad Gateway", "网站服务器暂时无法访问，请稍后再试。The site's server could not be reached; please try again shortly."),
        };
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var page = $"<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\n<body><h1>{title}</h1><p>{text}</p></body></html>\n";
        var bytes = Encoding.UTF8.GetBytes(page);
        context.Response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        }
    }
}

/// <summary>The gateway's own meter, beside the footer's (<c>Badge.Sdk.AspNetCore</c>) and YARP's telemetry.</summary>
internal sealed class GatewayMetrics : IDisposable
{
    public const string MeterName = "Badge.Gateway";

    private readonly Meter _meter;
    private readonly Counter<long> _errors;

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _errors = _meter.CreateCounter<long>("badge.gateway.proxy_errors", "{request}", "Proxied requests that failed, by YARP's error kind.");
    }

    public void UpstreamError(ForwarderError error) => _errors.Add(1, new KeyValuePair<string, object?>("error.type", error.ToString()));

    public void Dispose() => _meter.Dispose();
}
