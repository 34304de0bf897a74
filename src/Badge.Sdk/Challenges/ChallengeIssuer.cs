using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Badge.Sdk.Credentials;
using Badge.Sdk.Identity;
using Badge.Sdk.Platforms;
using Badge.Sdk.Telemetry;

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
    /// <param name="request">The platform, the account, the code and name as typed, and the platform's certificate.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored challenge.</returns>
    /// <exception cref="ArgumentException">The account id is empty, longer than <see cref="MaxAccountIdLength"/> or holds control characters.</exception>
    public async Task<Challenge> CreateAsync(CreateChallengeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (platform, accountId, uscc, institutionName, platformCertificate, platformChain) =
            (request.Platform, request.AccountId, request.Uscc, request.InstitutionName, request.PlatformCertificate, request.PlatformChain);
        if (string.IsNullOrWhiteSpace(accountId) || accountId.Length > MaxAccountIdLength || accountId.AsSpan().ContainsAnyInRange('\0', '\x1f') || accountId.Contains('\x7f', StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"CreateChallengeRequest.AccountId must be 1 to {MaxAccountIdLength} characters, without control characters.", nameof(request));
        }

        ArgumentNullException.ThrowIfNull(platformCertificate, nameof(request));
        ArgumentNullException.ThrowIfNull(platformChain, nameof(request));
        using var activity = BadgeTelemetry.Source.StartActivity(BadgeTelemetry.ChallengeCreateSpan);
        activity?.SetTag(BadgeTelemetry.Platform, platform.Value);
        var now = _time.GetUtcNow();
        var id = Random(16);
        var nonce = Random(16);
        var display = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var expires = now + _options.Lifetime;
        var payload = new ChallengeRequestPayload
        {
            Id = id,
            Platform = platform.Value,
            PlatformName = CertificateSubject.OrganizationName(platformCertificate),
            AccountId = accountId,
            Uscc = uscc.ToString(),
            Name = institutionName.Value,
            Nonce = nonce,
            DisplayCode = display,
            Action = "certify-account",
            Iat = now.ToUnixTimeSeconds(),
            Exp = expires.ToUnixTimeSeconds(),
        };
        var requestJws = JwsWriter.Sign(
            payload, ChallengesJsonContext.Default.ChallengeRequestPayload, ChallengeJws.RequestType, platformCertificate, platformChain,
            JwsWriter.SigningAlgorithm(_options.Algorithms, platformCertificate));
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
        // A 128-bit random id is never taken in practice; if the store says it is, that is a broken store or RNG.
        if (!await _store.TryAddAsync(challenge, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"The challenge store already holds a challenge with the new random id '{id}'.");
        }

        BadgeTelemetry.ChallengesCreated.Add(1, new KeyValuePair<string, object?>(BadgeTelemetry.Platform, platform.Value));
        return challenge;
    }

    /// <summary>Marks an approved challenge completed once the platform has attached the badge (after its own review).</summary>
    /// <param name="id">The challenge.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the challenge went from approved to completed, and if not, why.</returns>
    public Task<ChallengeTransitionResult> CompleteAsync(string id, CancellationToken cancellationToken = default) =>
        MoveAsync(id, ChallengeState.Completed, null, [ChallengeState.Approved], cancellationToken);

    /// <summary>Withdraws a challenge not yet answered (the platform's own cancel).</summary>
    /// <param name="id">The challenge.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the challenge went from pending or scanned to cancelled, and if not, why.</returns>
    public Task<ChallengeTransitionResult> CancelAsync(string id, CancellationToken cancellationToken = default) =>
        MoveAsync(id, ChallengeState.Cancelled, "cancelled", [ChallengeState.Pending, ChallengeState.Scanned], cancellationToken);

    /// <summary>Records that the platform's review refused an approved challenge.</summary>
    /// <param name="id">The challenge.</param>
    /// <param name="reason">Why, in the platform's words.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the challenge went from approved to rejected, and if not, why.</returns>
    public Task<ChallengeTransitionResult> RejectAsync(string id, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return MoveAsync(id, ChallengeState.Rejected, reason, [ChallengeState.Approved], cancellationToken);
    }

    private async Task<ChallengeTransitionResult> MoveAsync(string id, ChallengeState to, string? reason, ChallengeState[] from, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var challenge = await _store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (challenge is null)
        {
            return new ChallengeTransitionResult(ChallengeTransitionStatus.UnknownChallenge, null);
        }

        if (Array.IndexOf(from, challenge.State) < 0)
        {
            return new ChallengeTransitionResult(ChallengeTransitionStatus.WrongState, challenge);
        }

        var next = challenge with { State = to, Version = challenge.Version + 1, Reason = reason ?? challenge.Reason };
        return await _store.TryReplaceAsync(next, challenge.Version, cancellationToken).ConfigureAwait(false)
            ? new ChallengeTransitionResult(ChallengeTransitionStatus.Done, next)
            : new ChallengeTransitionResult(ChallengeTransitionStatus.ConcurrentChange, challenge);
    }

    private static string Random(int bytes) => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));
}
