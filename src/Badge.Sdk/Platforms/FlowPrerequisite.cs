namespace Badge.Sdk.Platforms;

/// <summary>A prerequisite of a flow: what must hold before step one (not a step).</summary>
/// <param name="Id">A stable id.</param>
/// <param name="Kind">What kind of check.</param>
/// <param name="TitleZh">The manual's words.</param>
/// <param name="TitleEn">In English.</param>
public sealed record FlowPrerequisite(string Id, PrerequisiteKind Kind, string TitleZh, string TitleEn);
