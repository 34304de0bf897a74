using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Badge.Sdk.Identity;
using Badge.Sdk.Json;
using Badge.Sdk.Platforms;

namespace Badge.Sdk.Challenges;

/// <summary>
/// The platform side's first step: creates a challenge bound to (platform, account, code and name as typed, a
/// 128-bit nonce, a display code, an expiry), signs the request the credential app will fetch with the platform's
/// certificate, and stores it. The QR shows only the URL with the challenge id.
/// </summary>
public sealed class ChallengeIssuer
{
    /// <summary>The longest account id a challenge may name (it is signed into the request and stored).</summary>
    public const int MaxAccountIdLength = 128;

    private readonly IChallengeStore _store;
    private readonly ChallengeOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates the issuer.</summary>
    /// <param name="store">Where challenges are kept.</param>
    /// <param name="options">Lifetime and the rest.</param>
    /// <param name="time">The clock.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is out of range.</exception>
    public ChallengeIssuer(IChallengeStore store, ChallengeOptions options, TimeProvider time)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        ValidatedOptions.ThrowIfInvalid(ChallengeOptionsValidator.Instance, options);
    }

    /// <summary>Creates, signs and stores a challenge.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="accountId">The account to certify: at most <see cref="MaxAccountIdLength"/> characters, no control characters.</param>
    /// <param name="uscc">The code the operator typed.</param>
    /// <param name="institutionName">The name the operator typed.</param>
    /// <param name="platformCertificate">The platform's certificate with its private key.</param>
    /// <param name="platformChain">The chain above it (issuing certificate; the root is left out of x5c).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored challenge.</returns>
    public async Task<Challenge> CreateAsync(
        PlatformId platform, string accountId, UnifiedSocialCreditCode uscc, OrganizerName institutionName,
        X509Certificate2 platformCertificate, X509Certificate2Collection platformChain, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        if (accountId.Length > MaxAccountIdLength || accountId.AsSpan().ContainsAnyInRange('\0', '\x1f') || accountId.Contains('\x7f', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The account id must be at most {MaxAccountIdLength} characters, without control characters.", nameof(accountId));
        }

        ArgumentNullException.ThrowIfNull(platformCertificate);
        ArgumentNullException.ThrowIfNull(platformChain);
        var now = _time.GetUtcNow();
        var id = Random(16);
        var nonce = Random(16);
        var display = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var expires = now + _options.Lifetime;
        var payload = new ChallengeRequestPayload
        {
            Id = id,
            Platform = platform.Value,
            PlatformName = ChallengeJws.OrganizationName(platformCertificate),
            AccountId = accountId,
            Uscc = uscc.ToString(),
            Name = institutionName.Value,
            Nonce = nonce,
            DisplayCode = display,
            Action = "certify-account",
            Iat = now.ToUnixTimeSeconds(),
            Exp = expires.ToUnixTimeSeconds(),
        };
        var requestJws = ChallengeJws.Sign(
            payload, BadgeJsonContext.Default.ChallengeRequestPayload, ChallengeJws.RequestType, platformCertificate, platformChain,
            ChallengeJws.SigningAlgorithm(_options.Algorithms, platformCertificate));
        var challenge = new Challenge
        {
            Id = id,
            Platform = platform,
            AccountId = accountId,
            Uscc = uscc,
            InstitutionName = institutionName,
            Nonce = nonce,
            DisplayCode = display,
            PollToken = Random(16),
            RequestJws = requestJws,
            RequestHash = ChallengeJws.Hash(requestJws),
            CreatedAt = now,
            ExpiresAt = expires,
            State = ChallengeState.Pending,
            Version = 1,
        };
        await _store.AddAsync(challenge, cancellationToken).ConfigureAwait(false);
        return challenge;
    }

    /// <summary>Marks an approved challenge completed once the platform has attached the badge (after its own review).</summary>
    /// <param name="id">The challenge.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the challenge went from approved to completed.</returns>
    public Task<bool> CompleteAsync(string id, CancellationToken cancellationToken = default) =>
        MoveAsync(id, ChallengeState.Completed, null, [ChallengeState.Approved], cancellationToken);

    /// <summary>Withdraws a challenge not yet answered (the platform's own cancel).</summary>
    /// <param name="id">The challenge.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the challenge went from pending or scanned to cancelled.</returns>
    public Task<bool> CancelAsync(string id, CancellationToken cancellationToken = default) =>
        MoveAsync(id, ChallengeState.Cancelled, "cancelled", [ChallengeState.Pending, ChallengeState.Scanned], cancellationToken);

    /// <summary>Records that the platform's review refused an approved challenge.</summary>
    /// <param name="id">The challenge.</param>
    /// <param name="reason">Why, in the platform's words.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the challenge went from approved to rejected.</returns>
    public Task<bool> RejectAsync(string id, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return MoveAsync(id, ChallengeState.Rejected, reason, [ChallengeState.Approved], cancellationToken);
    }

    private async Task<bool> MoveAsync(string id, ChallengeState to, string? reason, ChallengeState[] from, CancellationToken cancellationToken)
    {
        var challenge = await _store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (challenge is null || Array.IndexOf(from, challenge.State) < 0)
        {
            return false;
        }

        return await _store.TryReplaceAsync(challenge with { State = to, Version = challenge.Version + 1, Reason = reason ?? challenge.Reason }, challenge.Version, cancellationToken).ConfigureAwait(false);
    }

    private static string Random(int bytes) => Certificates.BadgeCertificateSignature.Base64Url(RandomNumberGenerator.GetBytes(bytes));
}
