using System.Text.Json.Serialization;

namespace Badge.Sdk.Credentials;

/// <summary>Whether a credential certificate holds.</summary>
[JsonConverter(typeof(Badge.Sdk.Identity.StrictEnumConverter<CredentialState>))]
public enum CredentialState
{
    /// <summary>Issued and not revoked.</summary>
    [JsonStringEnumMemberName("good")]
    Good,

    /// <summary>Revoked.</summary>
    [JsonStringEnumMemberName("revoked")]
    Revoked,

    /// <summary>The authority never issued it.</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown,
}
