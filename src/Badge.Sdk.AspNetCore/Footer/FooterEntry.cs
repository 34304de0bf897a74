using System.Security.Cryptography;
using System.Text;

namespace Badge.Sdk.AspNetCore.Footer;

// What the middleware knows about one configured badge: the badge in force now (after supersession), its
// rendered fragment and a cached copy of its image. Immutable; replaced as a whole when the badge changes.
internal sealed class FooterEntry
{
    public FooterEntry(string configuredId, string currentId, int version, byte[] fragment, byte[]? image)
    {
        ConfiguredId = configuredId;
        CurrentId = currentId;
        Version = version;
        Fragment = fragment;
        Image = image;
        VersionTag = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{currentId}\n{version}")).AsSpan(0, 4));
    }

    public string ConfiguredId { get; }

    public string CurrentId { get; }

    public int Version { get; }

    public byte[] Fragment { get; }

    public byte[]? Image { get; }

    // Goes into ETags, so a changed badge (new version or a successor) never matches an old validator.
    public string VersionTag { get; }
}
