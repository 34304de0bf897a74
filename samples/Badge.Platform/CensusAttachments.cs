using System.Collections.Concurrent;

namespace Badge.Platform;

/// <summary>
/// The badges this platform attached from the authority's census list (代为加注), by account: what the account's
/// profile shows when no certification ran on the platform. A real platform keeps this with the account.
/// </summary>
internal sealed class CensusAttachments
{
    private readonly ConcurrentDictionary<string, string> _badges = new(StringComparer.Ordinal);

    public void Record(string accountId, string badgeId) => _badges[accountId] = badgeId;

    public string? Find(string accountId) => _badges.TryGetValue(accountId, out var badgeId) ? badgeId : null;
}
