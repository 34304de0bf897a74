namespace Badge.Sdk.Rendering;

/// <summary>A legacy badge found in a page.</summary>
/// <param name="Form">How it appears.</param>
/// <param name="Index">Where its markup starts (a character index into the page text).</param>
/// <param name="Length">How long its markup is.</param>
/// <param name="LegacyId">The 32-hex-character certificate id, when the markup shows it (rendered form).</param>
/// <param name="LoaderUrl">The loader script's address, for the pasted form.</param>
public sealed record LegacyBadgeMatch(LegacyBadgeForm Form, int Index, int Length, string? LegacyId, string? LoaderUrl);

