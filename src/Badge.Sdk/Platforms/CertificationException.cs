using Badge.Sdk.Issuance;

namespace Badge.Sdk.Platforms;

/// <summary>A step completion refused: wrong order, repeated, missing prerequisite or need. <see cref="Code"/> says which.</summary>
public sealed class CertificationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">The reason code.</param>
    /// <param name="stepId">The step (or prerequisite) concerned, when one.</param>
    /// <param name="message">What is wrong, naming the step.</param>
    public CertificationException(string code, string? stepId, string message)
        : base(message)
    {
        Code = code;
        StepId = stepId;
    }

    /// <summary>The reason, a code of <see cref="CertificationReasonCodes"/>.</summary>
    public string Code { get; }

    /// <summary>The step or prerequisite concerned.</summary>
    public string? StepId { get; }
}
