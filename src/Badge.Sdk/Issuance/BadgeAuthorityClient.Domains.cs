
namespace Badge.Sdk.Issuance;

// Domain control: validating a pending website badge, and asking which badge vouches for a host.
internal sealed partial class BadgeAuthorityClient
{
    internal const string NoBadgeForHost = "no_badge_for_host";

    public Task<BadgeRecord> ValidateDomainAsync(string badgeId, CancellationToken cancellationToken = default) =>
        SendAsync<object, BadgeRecord>(
            HttpMethod.Post, $"api/v1/badges/{Escape(badgeId)}/validate-domain", null, null, IssuanceJsonContext.Default.BadgeRecord, cancellationToken);

    public async Task<BadgeRecord?> FindBadgeForHostAsync(string host, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        try
        {
            return await SendAsync<object, BadgeRecord>(
                HttpMethod.Get, $"api/v1/hosts/{Escape(host.Trim())}/badge", null, null, IssuanceJsonContext.Default.BadgeRecord, cancellationToken).ConfigureAwait(false);
        }
        catch (BadgeAuthorityException ex) when (ex.Status == 404 && ex.Code == NoBadgeForHost)
        {
            return null;
        }
    }
}
