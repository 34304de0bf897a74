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

