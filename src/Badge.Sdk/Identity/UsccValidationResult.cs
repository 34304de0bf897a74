namespace Badge.Sdk.Identity;

/// <summary>
/// The outcome of <see cref="UnifiedSocialCreditCode.Validate(ReadOnlySpan{char})"/>: every problem found in a
/// code as typed, so a form can show them all at once.
/// </summary>
public sealed class UsccValidationResult
{
    internal UsccValidationResult(UnifiedSocialCreditCode code, string normalized, bool wasNormalized, IReadOnlyList<IdentityProblem> problems)
    {
        Code = code;
        Normalized = normalized;
        WasNormalized = wasNormalized;
        Problems = problems;
    }

    /// <summary>Whether the code is valid.</summary>
    public bool IsValid => Problems.Count == 0;

    /// <summary>The code when <see cref="IsValid"/>; otherwise <see langword="default"/>.</summary>
    public UnifiedSocialCreditCode Code { get; }

    /// <summary>The input after normalisation (trimmed, half-width, upper case), valid or not.</summary>
    public string Normalized { get; }

    /// <summary>Whether normalisation changed the input (a form may show the normal form back to the person).</summary>
    public bool WasNormalized { get; }

    /// <summary>Every problem found, in the order of the input; empty when valid.</summary>
    public IReadOnlyList<IdentityProblem> Problems { get; }
}
