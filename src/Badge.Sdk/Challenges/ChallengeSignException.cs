using Badge.Sdk.Challenges;
using Badge.Sdk.Platforms;

namespace Badge.Sdk.Challenges;

/// <summary>The credential app refused a request; the reason is a code of <see cref="ChallengeReasonCodes"/>.</summary>
public sealed class ChallengeSignException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">The reason code.</param>
    /// <param name="message">What is wrong, for the person using the app.</param>
    public ChallengeSignException(string reason, string message)
        : base(message) => Reason = reason;

    /// <summary>The reason code.</summary>
    public string Reason { get; }
}
