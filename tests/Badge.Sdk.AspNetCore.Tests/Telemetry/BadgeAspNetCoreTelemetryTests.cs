using System.Diagnostics;
using System.Reflection;
using Badge.Sdk.AspNetCore.Telemetry;

namespace Badge.Sdk.AspNetCore.Tests.Telemetry;

/// <summary>The names an operator subscribes to: the package's ActivitySource and its version.</summary>
public sealed class BadgeAspNetCoreTelemetryTests
{
    [Fact]
    public void Source_IsNamedAfterThePackageAndVersionedLikeIt()
    {
        var informational = typeof(BadgeAspNetCoreTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        Assert.Equal("Badge.Sdk.AspNetCore", BadgeAspNetCoreTelemetry.Source.Name);
        Assert.Equal(informational.Split('+')[0], BadgeAspNetCoreTelemetry.Source.Version);
        Assert.DoesNotContain('+', BadgeAspNetCoreTelemetry.Version);
    }

    [Fact]
    public void Source_ListenedToByName_StartsSpans()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == BadgeAspNetCoreTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);

        using var activity = BadgeAspNetCoreTelemetry.Source.StartActivity(BadgeAspNetCoreTelemetry.FooterRefreshSpan);

        Assert.NotNull(activity);
        Assert.Equal("badge.footer.refresh", activity.OperationName);
    }
}
