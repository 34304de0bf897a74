using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography.X509Certificates;
using Badge.Sdk.Platforms;
using Badge.Sdk.Identity;

namespace Badge.Sdk.AspNetCore.Challenges;

/// <summary>
/// Configures the challenge endpoints a platform host maps with <c>MapBadgeChallenges</c>. Checked when the host
/// starts: a wrong value stops it with an <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> naming
/// the option and the reason.
/// </summary>
public sealed class BadgeChallengeEndpointOptions : IValidatableObject
{
    /// <summary>The platform these challenges are for. Required.</summary>
    public PlatformId Platform { get; set; }

    /// <summary>The platform's certificate, with its private key, issued by the authority's CA. Required.</summary>
    [Required(ErrorMessage = "{0} is required: the platform's certificate, with its private key, issued by the authority's CA.")]
    public X509Certificate2? Certificate { get; set; }

    /// <summary>The chain above the platform's certificate (the issuing certificate).</summary>
    public X509Certificate2Collection Chain { get; } = [];

    /// <summary>The public base address the QR's URL starts with, for example <c>https://platform.example/</c>. Required.</summary>
    [Required(ErrorMessage = "{0} is required: the public address the QR's URL starts with, such as https://platform.example/.")]
    [HttpAddress]
    public Uri? PublicBaseAddress { get; set; }

    /// <summary>Requests per minute per client address on create, answer and status. Default 60; from 1 to 100000.</summary>
    [Range(1, 100_000, ErrorMessage = "{0} must be from 1 to 100000.")]
    public int PermitsPerMinute { get; set; } = 60;

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (Platform.IsDefault)
        {
            yield return new ValidationResult(
                "BadgeChallengeEndpointOptions.Platform is required: the platform these challenges are for, such as weibo.", [nameof(Platform)]);
        }

        if (Certificate is { HasPrivateKey: false })
        {
            yield return new ValidationResult(
                "BadgeChallengeEndpointOptions.Certificate has no private key: challenges are signed with it (load it from a PFX or PEM with its key).",
                [nameof(Certificate)]);
        }
    }
}
