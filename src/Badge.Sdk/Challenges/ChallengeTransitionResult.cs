using System.Diagnostics.CodeAnalysis;

namespace Badge.Sdk.Challenges;

/// <summary>How a platform's move of a challenge (<see cref="ChallengeIssuer.CompleteAsync"/>, <see cref="ChallengeIssuer.CancelAsync"/>, <see cref="ChallengeIssuer.RejectAsync"/>) ended.</summary>
public enum ChallengeTransitionStatus
{
    /// <summary>The challenge moved to the new state.</summary>
    Done,

    /// <summary>No challenge has the id (never created, or dropped after expiry).</summary>
    UnknownChallenge,

    /// <summary>The challenge is not in a state the move starts from (for example completing one that was never approved).</summary>
    WrongState,

    /// <summary>Another call changed the challenge between the read and the write; read it again and decide again.</summary>
    ConcurrentChange,
}

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
