using System.ComponentModel.DataAnnotations;

namespace Badge.Sdk.Issuance;

/// <summary>
/// Configures the authority client registered by <c>AddBadgeAuthorityClient</c> (bound from a configuration section
/// such as <c>Badge:Client</c>, or set by a delegate). Checked when the host starts: a wrong value stops it with an
/// <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> naming the option and the reason.
/// </summary>
public sealed class BadgeAuthorityClientOptions : IValidatableObject
{
    /// <summary>
    /// The authority's base address, for example <c>http://127.0.0.1:5280/</c> for the local emulator. Required.
    /// </summary>
    [Required(ErrorMessage = "{0} is required: the authority's address, such as http://127.0.0.1:5280/ for the local emulator.")]
    [HttpAddress]
    public Uri? BaseAddress { get; set; }

    /// <summary>
    /// The API key sent as <c>X-Api-Key</c>. Needed only for mutating calls and for reading grants; reads of badges
    /// and certificates need none. Never logged.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>How long a certificate lookup is served from the cache before it is revalidated. Default 5 minutes.</summary>
    [TimeSpanRange("00:00:00.001", "365.00:00:00", ErrorMessage = "{0} must be positive (at most a year), such as 00:05:00.")]
    public TimeSpan CertificateCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long one attempt may take before it is abandoned (and retried where that is safe), from sending the
    /// request to the last byte of the response body. Default 10 seconds. No longer than <see cref="TotalTimeout"/>.
    /// </summary>
    [TimeSpanRange("00:00:00.001", "1.00:00:00", ErrorMessage = "{0} must be positive (at most a day), such as 00:00:10.")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a call may take in all, retries included. Default 30 seconds.</summary>
    [TimeSpanRange("00:00:00.001", "1.00:00:00", ErrorMessage = "{0} must be positive (at most a day), such as 00:00:30.")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The largest response body read for a JSON (or signed certificate) answer, in bytes. Enforced while the body
    /// streams in: reading stops at the cap and the call fails with <c>response_too_large</c>. Default 1 MiB
    /// (an answer is normally under 4 KiB). At least 1 KiB.
    /// </summary>
    [Range(1024, int.MaxValue, ErrorMessage = "{0} must be at least 1024 bytes.")]
    public int MaxResponseBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The largest badge image read by <c>GetBadgeImageAsync</c>, in bytes, enforced the same way. Default 256 KiB
    /// (the emulator's image is about 3 KiB). At least 1 KiB.
    /// </summary>
    [Range(1024, int.MaxValue, ErrorMessage = "{0} must be at least 1024 bytes.")]
    public int MaxImageBytes { get; set; } = 256 * 1024;

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (AttemptTimeout > TotalTimeout)
        {
            yield return new ValidationResult(
                $"BadgeAuthorityClientOptions.AttemptTimeout ({AttemptTimeout}) must be no longer than TotalTimeout ({TotalTimeout}).",
                [nameof(AttemptTimeout)]);
        }
    }
}
