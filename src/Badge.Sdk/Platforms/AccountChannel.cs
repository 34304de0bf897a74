using System.Text.Json.Serialization;

namespace Badge.Sdk.Platforms;

/// <summary>Where the operator works: the platform's web console or its phone app.</summary>
[JsonConverter(typeof(Badge.Sdk.Identity.StrictEnumConverter<AccountChannel>))]
public enum AccountChannel
{
    /// <summary>The web console (the identity check is a QR code).</summary>
    Web,

    /// <summary>The phone app (the identity check is an app-to-app deep link).</summary>
    Phone,
}
