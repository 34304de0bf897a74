using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Badge.Sdk.AspNetCore.Challenges;

/// <summary>
/// <see cref="BadgeChallengeEndpointOptions.PermitsPerMinute"/> per client address, in a fixed window. A refusal is a
/// 429 set by this policy alone, so the host's <c>RateLimiterOptions.RejectionStatusCode</c> stays its own.
/// </summary>
internal sealed class BadgeChallengeRateLimiterPolicy : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = static (context, _) =>
    {
        context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        return ValueTask.CompletedTask;
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var permits = httpContext.RequestServices.GetRequiredService<IOptions<BadgeChallengeEndpointOptions>>().Value.PermitsPerMinute;
        return RateLimitPartition.GetFixedWindowLimiter(
            httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
    }
}
