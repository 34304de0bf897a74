namespace Badge.Sdk.Identity;

/// <summary>One problem found in a value a person typed: a stable code, a sentence in English and in Chinese, and where.</summary>
/// <param name="Code">A stable, machine-readable code such as <c>uscc.check_character</c>; see <see cref="IdentityProblemCodes"/>.</param>
/// <param name="Message">What is wrong, in English, naming the position and the character where there is one.</param>
/// <param name="ChineseMessage">The same, in Chinese, for forms shown to Chinese-speaking users.</param>
/// <param name="Position">The 1-based character position the problem is at, when it is at one.</param>
public sealed record IdentityProblem(string Code, string Message, string ChineseMessage, int? Position = null)
{
    /// <inheritdoc />
    public override string ToString() => Message;
}
