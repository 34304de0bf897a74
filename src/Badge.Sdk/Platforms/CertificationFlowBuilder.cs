using Badge.Sdk.Identity;

namespace Badge.Sdk.Platforms;

/// <summary>Builds a <see cref="CertificationFlow"/>: prerequisites, then steps in order, numbered from 1.</summary>
public sealed class CertificationFlowBuilder
{
    private readonly PlatformId _platform;
    private readonly AccountVariant _variant;
    private readonly List<FlowPrerequisite> _prerequisites = [];
    private readonly List<CertificationStep> _steps = [];

    internal CertificationFlowBuilder(PlatformId platform, AccountVariant variant)
    {
        if (platform.IsDefault)
        {
            throw new ArgumentException("platform: a platform id is required.", nameof(platform));
        }

        _platform = platform;
        _variant = variant;
    }

    /// <summary>Requires that the operator holds a grant of the credential for the account (the manual's pre-check).</summary>
    /// <returns>The builder.</returns>
    public CertificationFlowBuilder RequiresOperatorGrant() => Prerequisite(new FlowPrerequisite(
        "operator-grant", PrerequisiteKind.OperatorGrant, "第一管理责任人或者管理人提前为账号管理员授权使用网络身份凭证", "An administrator has granted the operator use of the credential"));

    /// <summary>Requires a census record for the verified account.</summary>
    /// <returns>The builder.</returns>
    public CertificationFlowBuilder RequiresCensusRecord() => Prerequisite(new FlowPrerequisite(
        "census-record", PrerequisiteKind.CensusRecord, "在试用系统中准确填报互联网政务应用普查信息", "The institution filed accurate census data for the account"));

    /// <summary>Adds a prerequisite.</summary>
    /// <param name="prerequisite">The prerequisite.</param>
    /// <returns>The builder.</returns>
    public CertificationFlowBuilder Prerequisite(FlowPrerequisite prerequisite)
    {
        ArgumentNullException.ThrowIfNull(prerequisite);
        _prerequisites.Add(prerequisite);
        return this;
    }

    /// <summary>Adds the next step.</summary>
    /// <param name="id">A stable id, unique in the flow.</param>
    /// <param name="titleZh">The manual's title.</param>
    /// <param name="titleEn">In English.</param>
    /// <param name="actor">Who completes it.</param>
    /// <param name="needs">What its completion must carry.</param>
    /// <param name="actions">The actions it bundles.</param>
    /// <returns>The builder.</returns>
    public CertificationFlowBuilder Step(string id, string titleZh, string titleEn, StepActor actor = StepActor.Operator, StepNeeds needs = StepNeeds.None, params string[] actions) =>
        Add(id, titleZh, titleEn, actor, needs, IdentityCheckKind.None, actions);

    /// <summary>Adds the identity step: the QR challenge (or, for a phone channel, the deep link).</summary>
    /// <param name="id">A stable id.</param>
    /// <param name="titleZh">The manual's title.</param>
    /// <param name="titleEn">In English.</param>
    /// <param name="needs">Further needs bundled in the same step (for example <see cref="StepNeeds.ExactIdentity"/>).</param>
    /// <param name="actions">The actions it bundles.</param>
    /// <returns>The builder.</returns>
    public CertificationFlowBuilder IdentityStep(string id, string titleZh, string titleEn, StepNeeds needs = StepNeeds.None, params string[] actions) =>
        Add(id, titleZh, titleEn, StepActor.Operator, needs | StepNeeds.IdentityCheck,
            _variant.Channel == AccountChannel.Phone ? IdentityCheckKind.DeepLink : IdentityCheckKind.QrChallenge, actions);

    /// <summary>Gives the step added last its instruction text (<see cref="CertificationStep.InstructionZh"/>).</summary>
    /// <param name="instructionZh">What the operator is told to do, in the manual's words.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">No step was added yet.</exception>
    public CertificationFlowBuilder Instruction(string instructionZh)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instructionZh);
        if (_steps.Count == 0)
        {
            throw new InvalidOperationException($"The {_platform} {_variant} flow has no step yet: call Instruction after the step it describes.");
        }

        _steps[^1] = _steps[^1] with { InstructionZh = instructionZh.Trim() };
        return this;
    }

    /// <summary>Ends the flow: the platform reviews and attaches the badge.</summary>
    /// <returns>The flow.</returns>
    public CertificationFlow AttachedAfterReview() => Build(BadgeAttachment.PlatformAfterReview);

    /// <summary>Ends the flow: the platform attaches the badge from the census record.</summary>
    /// <returns>The flow.</returns>
    public CertificationFlow AttachedFromCensus() => Build(BadgeAttachment.FromCensusRecord);

    private CertificationFlowBuilder Add(string id, string titleZh, string titleEn, StepActor actor, StepNeeds needs, IdentityCheckKind identity, string[] actions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(titleZh);
        ArgumentException.ThrowIfNullOrWhiteSpace(titleEn);
        if (!id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
        {
            throw new ArgumentException($"id: '{id}' may hold only a-z, 0-9 and '-'.", nameof(id));
        }

        if (_steps.Any(s => s.Id == id))
        {
            throw new ArgumentException($"id: the flow already has a step '{id}'.", nameof(id));
        }

        _steps.Add(new CertificationStep(id, _steps.Count + 1, titleZh, titleEn, actor, needs, identity, actions ?? []));
        return this;
    }

    private CertificationFlow Build(BadgeAttachment attachment)
    {
        if (attachment == BadgeAttachment.PlatformAfterReview && !_steps.Any(s => s.IsIdentityCheck))
        {
            throw new InvalidOperationException($"The {_platform} {_variant} flow attaches after review but has no identity step.");
        }

        return new CertificationFlow(_platform, _variant, _prerequisites.ToArray(), _steps.ToArray(), attachment);
    }
}
