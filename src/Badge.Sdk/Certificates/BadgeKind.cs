using System.Text.Json.Serialization;

namespace Badge.Sdk.Certificates;

/// <summary>What a badge vouches for.</summary>
[JsonConverter(typeof(Badge.Sdk.Identity.StrictEnumConverter<BadgeKind>))]
public enum BadgeKind
{
    /// <summary>A website, identified by its domain.</summary>
    [JsonStringEnumMemberName("website")]
    Website,

    /// <summary>An account on a platform (WeChat, Weibo, Kuaishou, …), identified by platform and account id.</summary>
    [JsonStringEnumMemberName("platformAccount")]
    PlatformAccount,
}
