using System.Text.Json.Serialization;

namespace Badge.Sdk.Platforms;

/// <summary>How a step checks the institution's identity.</summary>
[JsonConverter(typeof(Badge.Sdk.Identity.StrictEnumConverter<IdentityCheckKind>))]
public enum IdentityCheckKind
{
    /// <summary>The step is not the identity check.</summary>
    None,

    /// <summary>A QR code the credential app scans (扫一扫).</summary>
    QrChallenge,

    /// <summary>The platform's phone app opens the credential app directly (the same challenge, no QR).</summary>
    DeepLink,
}
