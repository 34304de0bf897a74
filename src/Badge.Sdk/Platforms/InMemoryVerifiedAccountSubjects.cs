using Badge.Sdk.Identity;

namespace Badge.Sdk.Platforms;

/// <summary>A directory kept in memory (samples and tests): <see cref="Set"/> records what the platform verified.</summary>
public sealed class InMemoryVerifiedAccountSubjects : IVerifiedAccountSubjects
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(PlatformId, string), UnifiedSocialCreditCode> _subjects = new();

    /// <summary>Records that the platform verified the account for an institution.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="accountId">The account.</param>
    /// <param name="subject">The institution's code.</param>
    public void Set(PlatformId platform, string accountId, UnifiedSocialCreditCode subject)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        _subjects[(platform, accountId)] = subject;
    }

    /// <inheritdoc />
    public ValueTask<UnifiedSocialCreditCode?> FindVerifiedSubjectAsync(PlatformId platform, string accountId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_subjects.TryGetValue((platform, accountId), out var subject) ? subject : (UnifiedSocialCreditCode?)null);
}
