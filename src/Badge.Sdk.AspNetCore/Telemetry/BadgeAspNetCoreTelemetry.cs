using System.Diagnostics;
using System.Reflection;

namespace Badge.Sdk.AspNetCore.Telemetry;

// The ASP.NET Core package's ActivitySource and Meter names and its span and tag names; documented in
// docs/telemetry.md (keep the two in step). The meter itself is created per host through IMeterFactory
// (BadgeFooterMetrics).
internal static class BadgeAspNetCoreTelemetry
{
    /// <summary>The name of the ActivitySource and of the Meter.</summary>
    public const string Name = "Badge.Sdk.AspNetCore";

    public const string FooterRefreshSpan = "badge.footer.refresh";
    public const string FooterResponsesCounter = "badge.footer.responses";
    public const string FooterRefreshesCounter = "badge.footer.refreshes";

    public const string BadgeId = "badge.id";
    public const string Outcome = "badge.outcome";
    public const string FooterState = "badge.footer.state";
    public const string FooterSkipReason = "badge.footer.skip_reason";
    public const string ErrorType = "error.type";

    /// <summary>The package version (the assembly's informational version, as MinVer sets it).</summary>
    public static readonly string Version = typeof(BadgeAspNetCoreTelemetry).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static readonly ActivitySource Source = new(Name, Version);
}
