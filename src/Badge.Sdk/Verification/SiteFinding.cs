namespace Badge.Sdk.Verification;

/// <summary>One thing found wrong, with a stable code and a sentence in English and in Chinese.</summary>
/// <param name="Code">A code from <see cref="SiteFindingCodes"/>.</param>
/// <param name="Message">What is wrong, in English.</param>
/// <param name="ChineseMessage">The same, in Chinese.</param>
public sealed record SiteFinding(string Code, string Message, string ChineseMessage);

