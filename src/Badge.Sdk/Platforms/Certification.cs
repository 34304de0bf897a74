using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using Badge.Sdk.Identity;

namespace Badge.Sdk.Platforms;

/// <summary>Where a certification stands.</summary>
[JsonConverter(typeof(Badge.Sdk.Identity.StrictEnumConverter<CertificationState>))]
public enum CertificationState
{
    /// <summary>A prerequisite does not hold; see <see cref="Certification.BlockedBy"/> and the reason.</summary>
    Blocked,

    /// <summary>Walking the steps.</summary>
    InProgress,

    /// <summary>Every step done; the platform reviews.</summary>
    AwaitingReview,

    /// <summary>The census route: the platform attaches the badge from the census record.</summary>
    AwaitingCensusAttachment,

    /// <summary>The review approved; the badge is being issued (a retried review finishes it).</summary>
    Attaching,

    /// <summary>The platform's review refused; resume from a named step.</summary>
    Rejected,

    /// <summary>The badge is issued for the account.</summary>
    Completed,
}

/// <summary>What happened, when, and who did it.</summary>
/// <param name="At">When.</param>
/// <param name="Actor">Who.</param>
/// <param name="ActorId">Which person or system, when known.</param>
/// <param name="Event">What happened.</param>
/// <param name="StepId">The step, when one.</param>
/// <param name="Detail">More, in words.</param>
public sealed record CertificationTransition(DateTimeOffset At, StepActor Actor, string? ActorId, CertificationEvent Event, string? StepId, string? Detail);

/// <summary>One account's certification, walked step by step through its platform's flow.</summary>
public sealed record Certification
{
    /// <summary>The id: <c>{platform}:{account}</c> (one certification per account at a time).</summary>
    public required string Id { get; init; }

    /// <summary>The platform.</summary>
    public required PlatformId Platform { get; init; }

    /// <summary>The account variant, which chose the flow.</summary>
    public required AccountVariant Variant { get; init; }

    /// <summary>The account on the platform.</summary>
    public required string AccountId { get; init; }

    /// <summary>The account's name (its online name on the badge).</summary>
    public required OnlineName AccountName { get; init; }

    /// <summary>The institution's code, as the operator gave it.</summary>
    public required UnifiedSocialCreditCode Uscc { get; init; }

    /// <summary>The institution's name, as the operator gave it.</summary>
    public required OrganizerName InstitutionName { get; init; }

    /// <summary>The operator who started it.</summary>
    public required string OperatorId { get; init; }

    /// <summary>Where it stands.</summary>
    public CertificationState State { get; init; }

    /// <summary>The steps completed, in order.</summary>
    public IReadOnlyList<string> CompletedSteps { get; init; } = [];

    /// <summary>What completions carried (fee reference, invoice title, nickname, contact…), by name.</summary>
    public IReadOnlyDictionary<string, string> Facts { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The approved QR challenge of the identity step.</summary>
    public string? ChallengeId { get; init; }

    /// <summary>The prerequisite that blocks it.</summary>
    public string? BlockedBy { get; init; }

    /// <summary>Why it is blocked or rejected.</summary>
    public string? Reason { get; init; }

    /// <summary>The badge, once issued.</summary>
    public string? BadgeId { get; init; }

    /// <summary>Every transition, oldest first.</summary>
    public IReadOnlyList<CertificationTransition> History { get; init; } = [];

    /// <summary>Increases with every change; the store's compare-and-swap compares it.</summary>
    public int Version { get; init; }

    // The id of an account's certification: the stores' key scheme, not a contract (read by account with
    // CertificationRunner.GetByAccountAsync(platform, accountId)).
    internal static string IdFor(PlatformId platform, string accountId) => $"{platform.Value}:{accountId}";
}

/// <summary>
/// Keeps certifications so a flow survives a restart. <see cref="TryReplaceAsync"/> is an atomic compare-and-swap on
/// <see cref="Certification.Version"/>. Like <see cref="Badge.Sdk.Challenges.IChallengeStore"/>, every write is a <c>Try…</c>
/// that returns <see langword="false"/> for the expected conflict and throws only when the store fails. In memory by default; <c>Badge.Sdk.Redis</c> has a Redis store.
/// </summary>
public interface ICertificationStore
{
    /// <summary>Adds a certification unless one with its id exists (then nothing is changed).</summary>
    /// <param name="certification">The certification.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when added; <see langword="false"/> when the id is taken. Only a store failure throws.</returns>
    Task<bool> TryAddAsync(Certification certification, CancellationToken cancellationToken = default);

    /// <summary>Reads a certification.</summary>
    /// <param name="id">Its id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The certification, or <see langword="null"/>.</returns>
    Task<Certification?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Replaces a certification only if it is still at <paramref name="expectedVersion"/>.</summary>
    /// <param name="replacement">The new value.</param>
    /// <param name="expectedVersion">The version read before.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether this call made the change.</returns>
    Task<bool> TryReplaceAsync(Certification replacement, int expectedVersion, CancellationToken cancellationToken = default);
}

/// <summary>The in-memory certification store (one process; lost on restart).</summary>
public sealed class InMemoryCertificationStore : ICertificationStore
{
    private readonly ConcurrentDictionary<string, Certification> _items = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<bool> TryAddAsync(Certification certification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certification);
        return Task.FromResult(_items.TryAdd(certification.Id, certification));
    }

    /// <inheritdoc />
    public Task<Certification?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_items.TryGetValue(id, out var item) ? item : null);

    /// <inheritdoc />
    public Task<bool> TryReplaceAsync(Certification replacement, int expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        return Task.FromResult(_items.TryGetValue(replacement.Id, out var current) && current.Version == expectedVersion && _items.TryUpdate(replacement.Id, replacement, current));
    }
}
