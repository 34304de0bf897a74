using Badge.Sdk.Platforms;
using Xunit;

namespace Badge.Sdk.Testing;

/// <summary>
/// The contract every <see cref="IPlatformAdapter"/> honours. Derive, return your adapter from
/// <see cref="CreateAdapter"/>, and xunit runs these tests against it.
/// </summary>
public abstract class PlatformAdapterConformanceTests
{
    private static readonly AccountVariant[] AllVariants =
    [
        AccountVariant.Unverified, AccountVariant.Verified, AccountVariant.UnverifiedOnPhone, new(AccountVerification.Verified, AccountChannel.Phone),
    ];

    /// <summary>Creates the adapter under test.</summary>
    /// <returns>The adapter.</returns>
    protected abstract IPlatformAdapter CreateAdapter();

    /// <summary>The platform id is set, and the same on every call; the display name is not empty.</summary>
    [Fact]
    public void PlatformIsSetAndStable()
    {
        var adapter = CreateAdapter();
        Assert.False(adapter.Platform.IsDefault, "Platform is the default (unset) PlatformId.");
        Assert.Equal(adapter.Platform, CreateAdapter().Platform);
        Assert.False(string.IsNullOrWhiteSpace(adapter.DisplayName), "DisplayName is empty.");
    }

    /// <summary>At least one variant, none twice.</summary>
    [Fact]
    public void HasVariantsWithoutDuplicates()
    {
        var variants = CreateAdapter().Variants;
        Assert.NotEmpty(variants);
        Assert.Equal(variants.Count, variants.Distinct().Count());
    }

    /// <summary>Each variant's flow is for this platform and that variant.</summary>
    [Fact]
    public void EachFlowIsForItsPlatformAndVariant()
    {
        var adapter = CreateAdapter();
        foreach (var variant in adapter.Variants)
        {
            var flow = adapter.GetFlow(variant);
            Assert.Equal(adapter.Platform, flow.Platform);
            Assert.Equal(variant, flow.Variant);
        }
    }

    /// <summary>Steps are numbered 1..n in order, with unique ids, titles in Chinese and English, and listed actions.</summary>
    [Fact]
    public void StepsAreNumberedWithUniqueIdsAndTitles()
    {
        foreach (var flow in Flows())
        {
            Assert.Equal(Enumerable.Range(1, flow.Steps.Count), flow.Steps.Select(s => s.Number));
            Assert.Equal(flow.Steps.Count, flow.Steps.Select(s => s.Id).Distinct(StringComparer.Ordinal).Count());
            Assert.All(flow.Steps, s =>
            {
                Assert.False(string.IsNullOrWhiteSpace(s.TitleZh), $"step {s.Id} has no Chinese title");
                Assert.False(string.IsNullOrWhiteSpace(s.TitleEn), $"step {s.Id} has no English title");
                Assert.NotNull(s.Actions);
            });
            Assert.Equal(flow.Prerequisites.Count, flow.Prerequisites.Select(p => p.Id).Distinct(StringComparer.Ordinal).Count());
        }
    }

    /// <summary>
    /// A flow attached after review has exactly one identity step, completed by the operator, marked with the
    /// identity need; on the phone channel it is the deep link. A census flow has none and requires a census record.
    /// </summary>
    [Fact]
    public void IdentityStepsFollowTheAttachment()
    {
        foreach (var flow in Flows())
        {
            var identity = flow.Steps.Where(s => s.IsIdentityCheck).ToList();
            Assert.All(flow.Steps, s => Assert.Equal(s.IsIdentityCheck, s.Needs.HasFlag(StepNeeds.IdentityCheck)));
            if (flow.Attachment == BadgeAttachment.PlatformAfterReview)
            {
                var step = Assert.Single(identity);
                Assert.Equal(StepActor.Operator, step.Actor);
                Assert.Equal(flow.Variant.Channel == AccountChannel.Phone ? IdentityCheckKind.DeepLink : IdentityCheckKind.QrChallenge, step.IdentityCheck);
            }
            else
            {
                Assert.Empty(identity);
                Assert.Contains(flow.Prerequisites, p => p.Kind == PrerequisiteKind.CensusRecord);
            }
        }
    }

    /// <summary>The operator grant is checked before the identity step: as a prerequisite or as an earlier step.</summary>
    [Fact]
    public void TheOperatorGrantComesBeforeTheIdentityStep()
    {
        foreach (var flow in Flows().Where(f => f.Attachment == BadgeAttachment.PlatformAfterReview))
        {
            var identity = flow.Steps.First(s => s.IsIdentityCheck);
            var granted = flow.Prerequisites.Any(p => p.Kind == PrerequisiteKind.OperatorGrant)
                || flow.Steps.Any(s => s.Needs.HasFlag(StepNeeds.OperatorGrant) && s.Number < identity.Number);
            Assert.True(granted, $"The {flow.Variant} flow reaches the identity step without an operator grant.");
        }
    }

    /// <summary>A variant without a flow is refused with <see cref="NotSupportedException"/> naming it.</summary>
    [Fact]
    public void AnUnsupportedVariantIsRefusedByName()
    {
        var adapter = CreateAdapter();
        var missing = AllVariants.Where(v => !adapter.Variants.Contains(v)).ToList();
        if (missing.Count == 0)
        {
            Assert.Skip("The adapter supports every variant.");
        }

        foreach (var variant in missing)
        {
            var error = Assert.Throws<NotSupportedException>(() => adapter.GetFlow(variant));
            Assert.Contains(variant.ToString(), error.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>Flows are the same on every call and from every instance.</summary>
    [Fact]
    public void FlowsAreStable()
    {
        var first = CreateAdapter();
        var second = CreateAdapter();
        foreach (var variant in first.Variants)
        {
            var a = first.GetFlow(variant);
            var b = second.GetFlow(variant);
            Assert.Equal(a.Steps.Select(s => (s.Id, s.Actor, s.Needs, s.IdentityCheck)), b.Steps.Select(s => (s.Id, s.Actor, s.Needs, s.IdentityCheck)));
            Assert.Equal(a.Prerequisites.Select(p => p.Id), b.Prerequisites.Select(p => p.Id));
            Assert.Equal(a.Attachment, b.Attachment);
        }
    }

    private List<CertificationFlow> Flows()
    {
        var adapter = CreateAdapter();
        return adapter.Variants.Select(adapter.GetFlow).ToList();
    }
}
