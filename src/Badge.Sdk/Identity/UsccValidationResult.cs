using System.Diagnostics.CodeAnalysis;

namespace Badge.Sdk.Identity;

/// <summary>
/// The outcome of <see cref="UnifiedSocialCreditCode.Validate(ReadOnlySpan{char})"/>: every problem found in a
/// code as typed, so a form can show them all at once.
/// </summary>
public sealed class UsccValidationResult
{
    internal UsccValidationResult(UnifiedSocialCreditCode? code, string normalized, bool wasNormalized, IReadOnlyList<IdentityProblem> problems)
    {
        Code = problems.Count == 0 ? code : null;
        Normalized = normalized;
        WasNormalized = wasNormalized;
        Problems = problems;
    }

    /// <summary>Whether the code is valid (then <see cref="Code"/> holds it).</summary>
    [MemberNotNullWhen(true, nameof(Code))]
    public bool IsValid => Code is not null;

    /// <summary>The code when <see cref="IsValid"/>; otherwise <see langword="null"/> (never a <see langword="default"/> code).</summary>
    public UnifiedSocialCreditCode? Code { get; }

    /// <summary>The input after normalisation (trimmed, half-width, upper case), valid or not.</summary>
    public string Normalized { get; }

    /// <summary>Whether normalisation changed the input (a form may show the normal form back to the person).</summary>
    public bool WasNormalized { get; }

    /// <summary>Every problem found, in the order of the input; empty when valid.</summary>
    public IReadOnlyList<IdentityProblem> Problems { get; }
}
