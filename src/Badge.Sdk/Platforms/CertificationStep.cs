namespace Badge.Sdk.Platforms;

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
