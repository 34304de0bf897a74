using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Badge.Sdk.AspNetCore.Footer;

// The badges the middleware can show, keyed by the id configured (or resolved) for a site. Requests only read it;
// the refresher fills it. An id seen for the first time is queued for the refresher and the page goes out without it.
internal sealed class BadgeFooterCatalog : IBadgeFooterMonitor
{
    private readonly ConcurrentDictionary<string, FooterEntry?> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, BadgeFooterStatus> _statuses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FooterEntry> _byCurrentId = new(StringComparer.Ordinal);
    private readonly Channel<string> _requests = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<string> Requests => _requests.Reader;

    public IEnumerable<string> KnownIds => _entries.Keys;

    public FooterEntry? Get(string badgeId)
    {
        if (_entries.TryGetValue(badgeId, out var entry))
        {
            return entry;
        }

        if (_entries.TryAdd(badgeId, null))
        {
            _requests.Writer.TryWrite(badgeId);
        }

        return null;
    }

    // The entry without tracking the id (the refresher's own reads).
    public FooterEntry? Peek(string badgeId) => _entries.TryGetValue(badgeId, out var entry) ? entry : null;

    public void SetStatus(BadgeFooterStatus status) => _statuses[status.BadgeId] = status;

    public BadgeFooterStatus GetStatus(string badgeId)
    {
        ArgumentNullException.ThrowIfNull(badgeId);
        return _statuses.TryGetValue(badgeId, out var status) ? status : new BadgeFooterStatus { BadgeId = badgeId, State = BadgeFooterState.Pending };
    }

    public IReadOnlyList<BadgeFooterStatus> GetStatuses() => [.. _entries.Keys.Select(GetStatus)];

    public FooterEntry? FindByCurrentId(string currentId) => _byCurrentId.TryGetValue(currentId, out var entry) ? entry : null;

    public void Track(string badgeId)
    {
        if (_entries.TryAdd(badgeId, null))
        {
            _requests.Writer.TryWrite(badgeId);
        }
    }

    public void Set(string badgeId, FooterEntry? entry)
    {
        if (_entries.TryGetValue(badgeId, out var previous) && previous is not null)
        {
            _byCurrentId.TryRemove(previous.CurrentId, out _);
        }

        _entries[badgeId] = entry;
        if (entry is not null)
        {
            _byCurrentId[entry.CurrentId] = entry;
        }
    }
}
