using Badge.Sdk.Identity;

namespace Badge.Sdk.Platforms;

/// <summary>The ordered certification flow for one platform and account variant.</summary>
/// <param name="Platform">The platform.</param>
/// <param name="Variant">The account variant.</param>
/// <param name="Prerequisites">What must hold before step one.</param>
/// <param name="Steps">The steps, in order (may be empty: the census route).</param>
/// <param name="Attachment">How the badge is attached at the end.</param>
public sealed record CertificationFlow(
    PlatformId Platform, AccountVariant Variant, IReadOnlyList<FlowPrerequisite> Prerequisites, IReadOnlyList<CertificationStep> Steps, BadgeAttachment Attachment)
{
    /// <summary>Starts a flow description.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="variant">The variant.</param>
    /// <returns>A builder.</returns>
    public static CertificationFlowBuilder Create(PlatformId platform, AccountVariant variant) => new(platform, variant);

    /// <summary>A step by id.</summary>
    /// <param name="stepId">The id.</param>
    /// <returns>The step.</returns>
    /// <exception cref="ArgumentException">The flow has no such step.</exception>
    public CertificationStep Step(string stepId) =>
        Steps.FirstOrDefault(s => s.Id == stepId)
        ?? throw new ArgumentException($"The {Platform} {Variant} flow has no step '{stepId}' (its steps: {string.Join(", ", Steps.Select(s => s.Id))}).", nameof(stepId));
}
