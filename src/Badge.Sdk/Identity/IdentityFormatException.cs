namespace Badge.Sdk.Identity;

/// <summary>
/// Thrown by <c>Parse</c> methods of the identity values when the input is not valid; lists every problem found.
/// </summary>
public sealed class IdentityFormatException : FormatException
{
    /// <summary>Creates the exception for the problems found in a value of the named kind.</summary>
    /// <param name="valueKind">What was being parsed, for example <c>unified social credit code</c>.</param>
    /// <param name="problems">The problems; at least one.</param>
    public IdentityFormatException(string valueKind, IReadOnlyList<IdentityProblem> problems)
        : base(BuildMessage(valueKind, problems))
    {
        ValueKind = valueKind;
        Problems = problems;
    }

    /// <summary>What was being parsed, for example <c>unified social credit code</c>.</summary>
    public string ValueKind { get; }

    /// <summary>Every problem found, in the order of the input.</summary>
    public IReadOnlyList<IdentityProblem> Problems { get; }

    private static string BuildMessage(string valueKind, IReadOnlyList<IdentityProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count == 0
            ? $"Not a valid {valueKind}."
            : $"Not a valid {valueKind}: {string.Join("; ", problems.Select(p => p.Message))}.";
    }
}
