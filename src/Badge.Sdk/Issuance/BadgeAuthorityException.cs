namespace Badge.Sdk.Issuance;

/// <summary>
/// The authority refused a call or could not be reached. Carries the HTTP status, the problem's machine-readable
/// <see cref="Code"/> and offending <see cref="Field"/>, and the request id to quote to the authority.
/// Cancellation is never wrapped: a cancelled call throws <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class BadgeAuthorityException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, for a person.</param>
    /// <param name="status">The HTTP status, or <see langword="null"/> when no response arrived.</param>
    /// <param name="code">The problem code (see <see cref="AuthorityErrorCodes"/>), or <see langword="null"/>.</param>
    /// <param name="field">The request field the problem is about, or <see langword="null"/>.</param>
    /// <param name="requestId">The authority's request id, or <see langword="null"/>.</param>
    /// <param name="innerException">The transport failure, if any.</param>
    public BadgeAuthorityException(string message, int? status, string? code, string? field, string? requestId, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        Code = code;
        Field = field;
        RequestId = requestId;
    }

    /// <summary>The HTTP status, or <see langword="null"/> when no response arrived (see <see cref="Exception.InnerException"/>).</summary>
    public int? Status { get; }

    /// <summary>The problem code, for example <c>duplicate_domain</c>; <c>transport_error</c> when no response arrived.</summary>
    public string? Code { get; }

    /// <summary>The request field the problem is about, for example <c>domain</c>.</summary>
    public string? Field { get; }

    /// <summary>The authority's request id.</summary>
    public string? RequestId { get; }
}
