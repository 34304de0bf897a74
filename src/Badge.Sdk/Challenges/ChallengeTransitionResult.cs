using System.Diagnostics.CodeAnalysis;

namespace Badge.Sdk.Challenges;

/// <summary>The outcome of a platform's move of a challenge: done, or why not, with the challenge as it is.</summary>
public sealed class ChallengeTransitionResult
{
    internal ChallengeTransitionResult(ChallengeTransitionStatus status, Challenge? challenge)
    {
        Status = status;
        Challenge = challenge;
    }

    /// <summary>Whether the challenge moved.</summary>
    [MemberNotNullWhen(true, nameof(Challenge))]
    public bool Succeeded => Status == ChallengeTransitionStatus.Done;

    /// <summary>How the move ended.</summary>
    public ChallengeTransitionStatus Status { get; }

    /// <summary>The challenge after the move when <see cref="Succeeded"/>; otherwise as found (<see langword="null"/> when unknown).</summary>
    public Challenge? Challenge { get; }
}
