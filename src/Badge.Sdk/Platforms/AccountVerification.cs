using System.Text.Json.Serialization;

namespace Badge.Sdk.Platforms;

/// <summary>Whether a platform account already carries the platform's "V" verification (加V认证).</summary>
[JsonConverter(typeof(Badge.Sdk.Identity.StrictEnumConverter<AccountVerification>))]
public enum AccountVerification
{
    /// <summary>Not yet verified by the platform (未加V认证).</summary>
    Unverified,

    /// <summary>Verified by the platform (已加V认证).</summary>
    Verified,
}
