using System.Diagnostics;
using Badge.Sdk.Challenges;
using Badge.Sdk.Issuance;
using Badge.Sdk.Platforms;
using NSubstitute;

namespace Badge.Sdk.Tests.Platforms;

/// <summary>A refused runner operation ends its span as an error carrying the refusal's reason code.</summary>
public sealed class CertificationRunnerTelemetryTests
{
    [Fact]
    public async Task RefusedStep_MarksItsSpanAsAnError_WithTheReasonCode()
    {
        var id = "cert-" + Guid.NewGuid().ToString("N");
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Badge.Sdk",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.OperationName == "badge.certification.step" && (activity.GetTagItem("badge.certification.id") as string) == id)
                {
                    lock (spans)
                    {
                        spans.Add(activity);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var runner = new CertificationRunner(
            [new WeiboAdapter()], new InMemoryCertificationStore(), Substitute.For<IBadgeAuthorityClient>(), Substitute.For<IOperatorGrantClient>(),
            Substitute.For<ICensusClient>(), new InMemoryChallengeStore(), TimeProvider.System);

        var refused = await Assert.ThrowsAsync<CertificationException>(() => runner.CompleteStepAsync(id, "form", new StepCompletion(StepActor.Operator), TestContext.Current.CancellationToken));

        var span = Assert.Single(spans);
        Assert.Equal(CertificationReasonCodes.UnknownCertification, refused.Code);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(refused.Code, span.GetTagItem("error.type"));
    }
}
