using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Badge.Sdk.Credentials;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Badge.Sdk.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Badge.Sdk.Challenges;

/// <summary>
/// The platform side's last step: verifies an answer and, when everything holds, consumes the challenge once.
/// Checks, in order: header and algorithm allow-list; the chain to the configured roots at the platform's "now";
/// revocation (the authority's status endpoint, cached by <see cref="TimeProvider"/>-driven expiry); the signature;
/// the stored challenge (exists, not expired, not consumed) and every binding (platform, account, nonce, hash of
/// the exact request); the signer's code and name against what was typed; the operator's grant at the authority;
/// then an atomic compare-and-swap in the store. A bad answer is a result with a reason, never an exception.
/// </summary>
/// <remarks>
/// The verifier is meant to be a singleton: it caches, each by <see cref="TimeProvider"/>-driven expiry, the built
/// chain per distinct <c>x5c</c> (<see cref="ChallengeOptions.ChainCacheDuration"/>, never past a certificate's
/// expiry), revocation status per serial (<see cref="ChallengeOptions.RevocationCacheDuration"/>) and positive grant
/// checks (<see cref="ChallengeOptions.GrantCacheDuration"/>; a refused grant is asked again every time).
/// </remarks>
public sealed class ChallengeVerifier
{
    private readonly IChallengeStore _store;
    private readonly IOperatorGrantClient _grantClient;
    private readonly ICredentialAuthorityClient _credentialClient;
    private readonly ChallengeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger = NullLogger.Instance;
    /// <summary>The longest operator id an answer may carry; a longer one is <see cref="ChallengeReasonCodes.Malformed"/>.</summary>
    public const int MaxOperatorIdLength = 128;

    private const int MaxCachedChains = 10_000;
    private const int MaxCachedHeaders = 1_000;
    private const int MaxCachedHeaderLength = 16 * 1024;
    private const int MaxAnswerLength = JwsReader.MaxLength;
    private readonly ConcurrentDictionary<string, HeaderInfo> _headers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (CredentialState State, DateTimeOffset FreshUntil)> _revocation = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SignerInfo> _chains = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _grants = new(StringComparer.Ordinal);

    /// <summary>Creates the verifier.</summary>
    /// <param name="store">The challenges.</param>
    /// <param name="grants">The authority's grants client, with the platform's key (it reads operator grants).</param>
    /// <param name="credentials">The authority's credential client (it reads revocation status).</param>
    /// <param name="options">Roots, algorithms, caching.</param>
    /// <param name="time">The platform's clock.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is out of range (for example no <see cref="ChallengeOptions.Roots"/>).</exception>
    public ChallengeVerifier(IChallengeStore store, IOperatorGrantClient grants, ICredentialAuthorityClient credentials, ChallengeOptions options, TimeProvider time)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _grantClient = grants ?? throw new ArgumentNullException(nameof(grants));
        _credentialClient = credentials ?? throw new ArgumentNullException(nameof(credentials));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        ValidatedOptions.ThrowIfInvalid(ChallengeOptionsValidator.Instance, options);
    }

    /// <summary>Creates the verifier, logging its refusals (see docs/telemetry.md).</summary>
    /// <param name="store">The challenges.</param>
    /// <param name="grants">The authority's grants client, with the platform's key (the operator's grant).</param>
    /// <param name="credentials">The authority's credentials client, with the platform's key (revocation).</param>
    /// <param name="options">Roots, algorithms, caching.</param>
    /// <param name="time">The platform's clock.</param>
    /// <param name="logger">Where refusals are logged; <see langword="null"/> logs nothing.</param>
    public ChallengeVerifier(IChallengeStore store, IOperatorGrantClient grants, ICredentialAuthorityClient credentials, ChallengeOptions options, TimeProvider time, ILogger<ChallengeVerifier>? logger)
        : this(store, grants, credentials, options, time)
    {
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Verifies an answer and consumes its challenge when valid.</summary>
    /// <param name="answerJws">The compact JWS the credential app posted.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result with its reason code.</returns>
    /// <exception cref="BadgeAuthorityException">
    /// The authority could not be asked for the credential's revocation status or the operator's grant (down, too
    /// slow: see <see cref="ChallengeOptions.AuthorityTimeout"/>); the challenge is left as it was, so the same
    /// answer can be posted again.
    /// </exception>
    public Task<ChallengeVerificationResult> VerifyAsync(string answerJws, CancellationToken cancellationToken = default) =>
        VerifyCoreAsync(answerJws, null, cancellationToken);

    /// <summary>
    /// Verifies an answer posted for one challenge (for example to its answer URL): an answer signed for another
    /// challenge is refused with <see cref="ChallengeReasonCodes.BindingMismatch"/> and consumes nothing.
    /// </summary>
    /// <param name="challengeId">The challenge the answer was posted for.</param>
    /// <param name="answerJws">The compact JWS the credential app posted.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result with its reason code.</returns>
    /// <exception cref="BadgeAuthorityException">The authority could not be asked; see <see cref="VerifyAsync"/>.</exception>
    public Task<ChallengeVerificationResult> VerifyForChallengeAsync(string challengeId, string answerJws, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(challengeId);
        return VerifyCoreAsync(answerJws, challengeId, cancellationToken);
    }

    // The span, measurement and log line of one verification around the checks themselves. The challenge id is
    // left out of all three: it is what the QR carries.
    private async Task<ChallengeVerificationResult> VerifyCoreAsync(string answerJws, string? expectedChallengeId, CancellationToken cancellationToken)
    {
        using var activity = BadgeTelemetry.Source.StartActivity(BadgeTelemetry.ChallengeVerifySpan);
        ChallengeVerificationResult result;
        try
        {
            result = await VerifyChecksAsync(answerJws, expectedChallengeId, cancellationToken).ConfigureAwait(false);
        }
        catch (BadgeAuthorityException ex)
        {
            BadgeTelemetry.SetError(activity, ex.Code ?? nameof(BadgeAuthorityException));
            BadgeLog.ChallengeCheckFailed(_logger, ex.Code ?? "no code");
            throw;
        }

        var decision = result.IsValid ? "accepted" : "refused";
        var reason = result.Reason ?? "valid";
        var platform = result.Challenge?.Platform.Value ?? "unknown";
        activity?.SetTag(BadgeTelemetry.Platform, platform);
        activity?.SetTag(BadgeTelemetry.ChallengeDecision, decision);
        activity?.SetTag(BadgeTelemetry.ChallengeReason, reason);
        BadgeTelemetry.ChallengeVerifications.Add(
            1, new KeyValuePair<string, object?>(BadgeTelemetry.ChallengeDecision, decision), new KeyValuePair<string, object?>(BadgeTelemetry.ChallengeReason, reason));
        if (result.IsValid)
        {
            BadgeLog.ChallengeAccepted(_logger, platform);
        }
        else
        {
            BadgeLog.ChallengeRefused(_logger, platform, reason);
        }

        return result;
    }

    private async Task<ChallengeVerificationResult> VerifyChecksAsync(string answerJws, string? expectedChallengeId, CancellationToken cancellationToken)
    {
        if (!TryReadAnswer(answerJws, out var header, out var headerLength, out var answer, out var input, out var signature) || header.Typ != ChallengeJws.AnswerType)
        {
            return Fail(ChallengeReasonCodes.Malformed);
        }

        if (_options.Algorithm(header.Alg) is not { } algorithm)
        {
            return Fail(ChallengeReasonCodes.AlgorithmNotAllowed);
        }

        var now = _time.GetUtcNow();
        var signer = Signer(header, algorithm, now);
        if (signer.Problem is not null)
        {
            return Fail(signer.Problem);
        }

        if (signer.Role != "institution")
        {
            return Fail(ChallengeReasonCodes.ChainInvalid);
        }

        // Only a header whose chain verified is remembered (and only a small one, a bounded number of them), so
        // junk headers can neither fill memory nor stand in for a real signer's.
        if (!header.Cached && headerLength <= MaxCachedHeaderLength)
        {
            if (_headers.Count >= MaxCachedHeaders)
            {
                _headers.Clear();
            }

            _headers.TryAdd(answerJws[..headerLength], header with { Cached = true });
        }

        if (await RevokedAsync(signer.RevocationKey, signer.SerialNumber, now, cancellationToken).ConfigureAwait(false))
        {
            return Fail(ChallengeReasonCodes.Revoked);
        }

        if (signer.Verifier is null || !signer.Verifier.Verify(input, signature))
        {
            return Fail(ChallengeReasonCodes.BadSignature);
        }

        if (expectedChallengeId is not null && answer.ChallengeId != expectedChallengeId)
        {
            return Fail(ChallengeReasonCodes.BindingMismatch);
        }

        var challenge = answer.ChallengeId is null ? null : await _store.GetAsync(answer.ChallengeId, cancellationToken).ConfigureAwait(false);
        if (challenge is null)
        {
            return Fail(ChallengeReasonCodes.UnknownChallenge);
        }

        if (challenge.State is not (ChallengeState.Pending or ChallengeState.Scanned))
        {
            return Fail(ChallengeReasonCodes.Replayed, challenge);
        }

        if (now > challenge.ExpiresAt)
        {
            await _store.TryReplaceAsync(challenge with { State = ChallengeState.Expired, Version = challenge.Version + 1, Reason = ChallengeReasonCodes.Expired }, challenge.Version, cancellationToken).ConfigureAwait(false);
            return Fail(ChallengeReasonCodes.Expired, challenge);
        }

        if (answer.Aud != challenge.Platform.Value || answer.AccountId != challenge.AccountId
            || !FixedEquals(answer.Nonce, challenge.Nonce) || !FixedEquals(answer.RequestHash, challenge.RequestHash ?? ChallengeJws.Hash(challenge.RequestJws)))
        {
            return Fail(ChallengeReasonCodes.BindingMismatch, challenge);
        }

        var code = challenge.Uscc.ToString();
        if (answer.Uscc != code || signer.OrganizationIdentifier != code)
        {
            // Signed by another institution (or for another code): refused, and the challenge stays as it was, so
            // the holder of any valid credential cannot end someone else's pending challenge.
            return Fail(ChallengeReasonCodes.UsccMismatch, challenge);
        }

        if (signer.Name is not { } signerName || signerName != challenge.InstitutionName)
        {
            return await RejectAsync(challenge, ChallengeReasonCodes.NameMismatch, cancellationToken).ConfigureAwait(false);
        }

        if (string.IsNullOrWhiteSpace(answer.OperatorId) || answer.OperatorId.Length > MaxOperatorIdLength)
        {
            return Fail(ChallengeReasonCodes.Malformed, challenge);
        }

        if (!await GrantedAsync(challenge, answer.OperatorId, now, cancellationToken).ConfigureAwait(false))
        {
            return await RejectAsync(challenge, ChallengeReasonCodes.NotGranted, cancellationToken).ConfigureAwait(false);
        }

        if (answer.Decision is not ("approve" or "deny"))
        {
            // Fail closed: only an explicit approval approves.
            return Fail(ChallengeReasonCodes.Malformed, challenge);
        }

        var denied = answer.Decision == "deny";
        var next = challenge with
        {
            State = denied ? ChallengeState.Denied : ChallengeState.Approved,
            Version = challenge.Version + 1,
            OperatorId = answer.OperatorId,
            Reason = denied ? ChallengeReasonCodes.Denied : null,
            Answer = denied ? null : answerJws,
        };
        if (!await _store.TryReplaceAsync(next, challenge.Version, cancellationToken).ConfigureAwait(false))
        {
            return Fail(ChallengeReasonCodes.Replayed, challenge);
        }

        return denied ? ChallengeVerificationResult.Refused(ChallengeReasonCodes.Denied, next) : ChallengeVerificationResult.Valid(next);
    }

    // The chain is built once per distinct x5c and kept until the earliest of: the cache duration, the first
    // certificate's expiry. A cached failure is kept too (a bad chain stays bad), so junk cannot force rebuilds,
    // but only for the cache duration and within a bounded number of entries.
    private SignerInfo Signer(HeaderInfo header, ISignatureAlgorithm algorithm, DateTimeOffset now)
    {
        if (header.X5c is not { Count: > 0 } x5c || header.ChainKey is not { } key)
        {
            return SignerInfo.Failed(ChallengeReasonCodes.ChainInvalid, DateTimeOffset.MaxValue);
        }

        if (_chains.TryGetValue(key, out var cached) && now < cached.FreshUntil && now >= cached.ValidFrom)
        {
            return cached;
        }

        var built = BuildSigner(x5c, algorithm, now);
        if (_chains.Count >= MaxCachedChains)
        {
            _chains.Clear();
        }

        _chains[key] = built;
        return built;
    }

    private SignerInfo BuildSigner(IReadOnlyList<string> x5c, ISignatureAlgorithm algorithm, DateTimeOffset now)
    {
        var fresh = now + _options.ChainCacheDuration;
        var certificates = JwsReader.Certificates(x5c);
        if (certificates is null)
        {
            return SignerInfo.Failed(ChallengeReasonCodes.ChainInvalid, fresh);
        }

        try
        {
            var problem = JwsReader.CheckChain(certificates, _options.Roots, now, out var chainValidFrom, out var chainValidUntil);
            if (problem != JwsProblem.None)
            {
                // An expired certificate is judged again at the next answer: the clock moves, the chain does not.
                return SignerInfo.Failed(ChallengeJws.Reason(problem), problem == JwsProblem.CertificateExpired ? now : fresh);
            }

            var leaf = certificates[0];
            var validUntil = chainValidUntil;
            var validFrom = chainValidFrom;
            return new SignerInfo(
                null,
                algorithm.CreateVerifier(leaf),
                leaf.Issuer + "#" + leaf.SerialNumber,
                leaf.SerialNumber,
                CertificateSubject.Role(leaf),
                CertificateSubject.OrganizationIdentifier(leaf),
                OrganizerName.TryParse(CertificateSubject.OrganizationName(leaf), out var name) ? name : null,
                validFrom,
                validUntil < fresh ? validUntil : fresh);
        }
        finally
        {
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }
        }
    }

    // Reads the compact JWS with the shared reader. The header (algorithm, type, x5c) is the same for every answer a
    // credential signs, so its decoded form and chain key are kept per distinct header text: a repeat signer costs one lookup.
    private bool TryReadAnswer(string jws, out HeaderInfo header, out int headerLength, out ChallengeAnswerPayload answer, out byte[] input, out byte[] signature)
    {
        header = HeaderInfo.Empty;
        headerLength = 0;
        answer = null!;
        input = [];
        signature = [];
        if (!CompactJws.TryParse(jws, MaxAnswerLength, out var compact))
        {
            return false;
        }

        if (!_headers.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(compact.HeaderSegment, out var cached))
        {
            if (compact.ReadHeader() is not { } parsed)
            {
                return false;
            }

            cached = new HeaderInfo(parsed.Alg, parsed.Typ, parsed.X5c, parsed.X5c is { Count: > 0 } x5c ? ChainKey(parsed.Alg, x5c) : null, Cached: false);
        }

        if (compact.ReadPayload(ChallengesJsonContext.Default.ChallengeAnswerPayload) is not { } payload)
        {
            return false;
        }

        header = cached;
        headerLength = compact.HeaderLength;
        answer = payload;
        input = compact.SigningInput();
        signature = compact.Signature();
        return true;
    }

    // The signer is cached per algorithm and chain. Every part is length-prefixed, so no string (JSON allows any
    // character, NUL included) can make one x5c list hash like another.
    private static string ChainKey(string? algorithm, IReadOnlyList<string> x5c)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendPrefixed(hash, algorithm ?? string.Empty);
        AppendLength(hash, x5c.Count);
        foreach (var der in x5c)
        {
            AppendPrefixed(hash, der ?? string.Empty);
        }

        return Convert.ToBase64String(hash.GetHashAndReset());
    }

    private static void AppendPrefixed(IncrementalHash hash, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        AppendLength(hash, bytes.Length);
        hash.AppendData(bytes);
    }

    private static void AppendLength(IncrementalHash hash, int length)
    {
        Span<byte> bytes = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes, length);
        hash.AppendData(bytes);
    }

    // Length-prefixed parts: no id containing a separator can make two grants share a key.
    private static string GrantKey(string uscc, string platform, string account, string operatorId) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{uscc.Length}:{uscc}{platform.Length}:{platform}{account.Length}:{account}{operatorId.Length}:{operatorId}");

    private async Task<bool> GrantedAsync(Challenge challenge, string operatorId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = GrantKey(challenge.Uscc.ToString(), challenge.Platform.Value, challenge.AccountId, operatorId);
        if (_grants.TryGetValue(key, out var until) && now < until)
        {
            return true;
        }

        var grant = await AskAuthorityAsync(
            "operator grant check", ct => _grantClient.CheckOperatorGrantAsync(challenge.Uscc, challenge.Platform, challenge.AccountId, operatorId, ct), cancellationToken).ConfigureAwait(false);
        if (grant.Granted && _options.GrantCacheDuration > TimeSpan.Zero)
        {
            if (_grants.Count >= MaxCachedChains)
            {
                _grants.Clear();
            }

            _grants[key] = now + _options.GrantCacheDuration;
        }
        else
        {
            _grants.TryRemove(key, out _);
        }

        return grant.Granted;
    }

    private sealed record HeaderInfo(string? Alg, string? Typ, IReadOnlyList<string>? X5c, string? ChainKey, bool Cached)
    {
        public static HeaderInfo Empty { get; } = new(null, null, null, null, false);
    }

    private sealed record SignerInfo(
        string? Problem, ISignatureVerifier? Verifier, string RevocationKey, string SerialNumber, string? Role, string? OrganizationIdentifier, OrganizerName? Name, DateTimeOffset ValidFrom, DateTimeOffset FreshUntil)
    {
        public static SignerInfo Failed(string problem, DateTimeOffset freshUntil) => new(problem, null, string.Empty, string.Empty, null, null, null, DateTimeOffset.MinValue, freshUntil);
    }

    private async Task<ChallengeVerificationResult> RejectAsync(Challenge challenge, string reason, CancellationToken cancellationToken)
    {
        // A refused answer ends the challenge: the operator starts again with a new QR.
        var rejected = challenge with { State = ChallengeState.Rejected, Version = challenge.Version + 1, Reason = reason };
        var changed = await _store.TryReplaceAsync(rejected, challenge.Version, cancellationToken).ConfigureAwait(false);
        return Fail(changed ? reason : ChallengeReasonCodes.Replayed, changed ? rejected : challenge);
    }

    private async Task<bool> RevokedAsync(string key, string serialNumber, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_revocation.TryGetValue(key, out var cached) && now < cached.FreshUntil)
        {
            return cached.State != CredentialState.Good;
        }

        var status = await AskAuthorityAsync("revocation check", ct => _credentialClient.GetCredentialStatusAsync(serialNumber, ct), cancellationToken).ConfigureAwait(false);
        if (_revocation.Count >= MaxCachedChains)
        {
            _revocation.Clear();
        }

        _revocation[key] = (status.Status, now + _options.RevocationCacheDuration);
        return status.Status != CredentialState.Good;
    }

    // One deadline per call to the authority, whatever the client's own retries would wait: an answer is judged
    // within a bounded time, and a failure to ask is a BadgeAuthorityException the host can map to 503.
    private async Task<T> AskAuthorityAsync<T>(string what, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(_options.AuthorityTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await call(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BadgeAuthorityException(
                $"The authority did not answer the {what} within {_options.AuthorityTimeout.TotalSeconds:0.#} s.", null, AuthorityErrorCodes.TransportError, null, null, ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new BadgeAuthorityException($"The authority could not be reached for the {what}: {ex.Message}", null, AuthorityErrorCodes.TransportError, null, null, ex);
        }
    }

    // Constant time over the characters; the lengths (of public-format values) may differ in time.
    private static bool FixedEquals(string? a, string? b) =>
        a is not null && b is not null && CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(a.AsSpan()), MemoryMarshal.AsBytes(b.AsSpan()));

    private static ChallengeVerificationResult Fail(string reason, Challenge? challenge = null) => ChallengeVerificationResult.Refused(reason, challenge);
}
