using System.Diagnostics.CodeAnalysis;

namespace Badge.Sdk.Certificates;

/// <summary>
/// The outcome of <see cref="BadgeCertificateSignature.Verify"/>: the verified facts, or a reason code and a message.
/// Only the SDK makes one, so a valid result always comes from a signature that verified.
/// </summary>
public sealed class BadgeCertificateVerificationResult
{
    internal BadgeCertificateVerificationResult(BadgeCertificate certificate) => Certificate = certificate;

    internal BadgeCertificateVerificationResult(string reason, string message)
    {
        Reason = reason;
        Message = message;
    }

    /// <summary>Whether the document is genuine.</summary>
    [MemberNotNullWhen(true, nameof(Certificate))]
    [MemberNotNullWhen(false, nameof(Reason), nameof(Message))]
    public bool IsValid => Certificate is not null;

    /// <summary>The verified facts when valid; otherwise <see langword="null"/>.</summary>
    public BadgeCertificate? Certificate { get; }

    /// <summary>The reason code when not valid (see <see cref="BadgeCertificateSignatureCodes"/>); otherwise <see langword="null"/>.</summary>
    public string? Reason { get; }

    /// <summary>What is wrong, in words, when not valid; otherwise <see langword="null"/>.</summary>
    public string? Message { get; }
}
