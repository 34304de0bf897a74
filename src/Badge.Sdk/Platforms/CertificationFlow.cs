using System.Text.Json.Serialization;
using Badge.Sdk.Identity;

namespace Badge.Sdk.Platforms;

/// <summary>Whether a platform account already carries the platform's "V" verification (加V认证).</summary>
[JsonConverter(typeof(Badge.Sdk.Identity.StrictEnumConverter<AccountVerification>))]
public enum AccountVerification
{
    /// <summary>Not yet verified by the platform (未加V认证).</summary>
    Unverified,

    /// <summary>Verified by the platform (已加V认证).</summary>
    Verified,
}

/// <summary>Where the operator works: the platform's web console or its phone app.</summary>
[JsonConverter(typeof(Badge.Sdk.Identity.StrictEnumConverter<AccountChannel>))]
public enum AccountChannel
{
    /// <summary>The web console (the identity check is a QR code).</summary>
    Web,

    /// <summary>The phone app (the identity check is an app-to-app deep link).</summary>
    Phone,
}

/// <summary>The variant of a certification flow: the account's verification state and the channel.</summary>
/// <param name="Verification">Verified or not.</param>
/// <param name="Channel">Web or phone. Default web.</param>
public readonly record struct AccountVariant(AccountVerification Verification, AccountChannel Channel = AccountChannel.Web)
{
    /// <summary>An unverified account on the web.</summary>
    public static AccountVariant Unverified { get; } = new(AccountVerification.Unverified);

    /// <summary>A verified account on the web.</summary>
    public static AccountVariant Verified { get; } = new(AccountVerification.Verified);

    /// <summary>An unverified account, on the phone app.</summary>
    public static AccountVariant UnverifiedOnPhone { get; } = new(AccountVerification.Unverified, AccountChannel.Phone);

    /// <inheritdoc />
    public override string ToString() => Channel == AccountChannel.Web ? Verification.ToString().ToLowerInvariant() : $"{Verification.ToString().ToLowerInvariant()}/{Channel.ToString().ToLowerInvariant()}";
}

/// <summary>Who acts in a step.</summary>
[JsonConverter(typeof(Badge.Sdk.Identity.StrictEnumConverter<StepActor>))]
public enum StepActor
{
    /// <summary>The account operator (使用人), signed in at the platform.</summary>
    Operator,

    /// <summary>The institution's credential administrator (第一管理责任人 or 管理人).</summary>
    Administrator,

    /// <summary>The certification contact person (认证联系人), with their own phone.</summary>
    ContactPerson,

    /// <summary>The platform (its review, its attaching of the badge).</summary>
    Platform,

    /// <summary>The issuing authority.</summary>
    Authority,
}

/// <summary>What a step needs before it counts as done.</summary>
[Flags]
[JsonConverter(typeof(Badge.Sdk.Identity.StrictEnumConverter<StepNeeds>))]
public enum StepNeeds
{
    /// <summary>Nothing but the actor's word.</summary>
    None = 0,

    /// <summary>The unified social credit code and the institution name typed exactly as registered.</summary>
    ExactIdentity = 1,

    /// <summary>The platform's agreement accepted.</summary>
    Agreement = 2,

    /// <summary>The contact person's own scan of the platform's second QR code.</summary>
    ContactScan = 4,

    /// <summary>The certified nickname and naming chosen.</summary>
    Nickname = 8,

    /// <summary>Invoice details given.</summary>
    Invoice = 16,

    /// <summary>The platform's fee paid (a platform's business: the authority's services are free).</summary>
    Fee = 32,

    /// <summary>An operator grant at the authority (the step is the grant itself).</summary>
    OperatorGrant = 64,

    /// <summary>The identity check: a QR challenge (or deep link) answered by the institution's credential app.</summary>
    IdentityCheck = 128,

    /// <summary>
    /// The unified social credit code typed correctly into the platform's form (确保正确填写统一社会信用代码); the
    /// institution name as typed is recorded, not compared. <see cref="ExactIdentity"/> compares both.
    /// </summary>
    CorrectCode = 256,
}

/// <summary>How a step checks the institution's identity.</summary>
[JsonConverter(typeof(Badge.Sdk.Identity.StrictEnumConverter<IdentityCheckKind>))]
public enum IdentityCheckKind
{
    /// <summary>The step is not the identity check.</summary>
    None,

    /// <summary>A QR code the credential app scans (扫一扫).</summary>
    QrChallenge,

    /// <summary>The platform's phone app opens the credential app directly (the same challenge, no QR).</summary>
    DeepLink,
}

/// <summary>What must hold before step one.</summary>
[JsonConverter(typeof(Badge.Sdk.Identity.StrictEnumConverter<PrerequisiteKind>))]
public enum PrerequisiteKind
{
    /// <summary>The operator holds a grant of the credential for this account (checked at the authority).</summary>
    OperatorGrant,

    /// <summary>The institution filed a census record for this verified account (checked at the authority).</summary>
    CensusRecord,

    /// <summary>A check the operator makes and confirms (for example "the top left says 小程序").</summary>
    OperatorConfirms,
}

/// <summary>How the badge reaches the account at the end.</summary>
[JsonConverter(typeof(Badge.Sdk.Identity.StrictEnumConverter<BadgeAttachment>))]
public enum BadgeAttachment
{
    /// <summary>The platform reviews the application and attaches the badge when it approves (平台会代为加注).</summary>
    PlatformAfterReview,

    /// <summary>The platform attaches it from the institution's census record, with no action by the operator.</summary>
    FromCensusRecord,
}

/// <summary>A prerequisite of a flow: what must hold before step one (not a step).</summary>
/// <param name="Id">A stable id.</param>
/// <param name="Kind">What kind of check.</param>
/// <param name="TitleZh">The manual's words.</param>
/// <param name="TitleEn">In English.</param>
public sealed record FlowPrerequisite(string Id, PrerequisiteKind Kind, string TitleZh, string TitleEn);

/// <summary>One numbered step (第N步) of the manual, with the actions it bundles.</summary>
/// <param name="Id">A stable id, unique in the flow (lower-case, digits and '-').</param>
/// <param name="Number">The step's number, from 1.</param>
/// <param name="TitleZh">The manual's title.</param>
/// <param name="TitleEn">In English.</param>
/// <param name="Actor">Who completes it.</param>
/// <param name="Needs">What its completion must carry.</param>
/// <param name="IdentityCheck">Whether (and how) it is the identity check.</param>
/// <param name="Actions">The clicks and entries it bundles, in the manual's words.</param>
public sealed record CertificationStep(
    string Id, int Number, string TitleZh, string TitleEn, StepActor Actor, StepNeeds Needs, IdentityCheckKind IdentityCheck, IReadOnlyList<string> Actions)
{
    /// <summary>Whether this step is the identity check.</summary>
    public bool IsIdentityCheck => IdentityCheck != IdentityCheckKind.None;

    /// <summary>
    /// What the operator is told to do, in the manual's words (its 第N步 sentence without the "第N步，" lead), for a page
    /// that walks a person through the step; <see langword="null"/> where the adapter gives none.
    /// </summary>
    /// <value>Set with <see cref="CertificationFlowBuilder.Instruction(string)"/>. Default <see langword="null"/>.</value>
    public string? InstructionZh { get; init; }
}

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
