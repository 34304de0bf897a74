using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Badge.Sdk.Credentials;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Badge.Sdk.Json;

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
    private readonly IBadgeAuthorityClient _authority;
    private readonly ChallengeOptions _options;
    private readonly TimeProvider _time;
    /// <summary>The longest operator id an answer may carry; a longer one is <see cref="ChallengeReasons.Malformed"/>.</summary>
    public const int MaxOperatorIdLength = 128;

    private const int MaxCachedChains = 10_000;
    private const int MaxCachedHeaders = 1_000;
    private const int MaxCachedHeaderLength = 16 * 1024;
    private const int MaxAnswerLength = 64 * 1024;
    private readonly ConcurrentDictionary<string, HeaderInfo> _headers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (CredentialState State, DateTimeOffset FreshUntil)> _revocation = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SignerInfo> _chains = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _grants = new(StringComparer.Ordinal);

    /// <summary>Creates the verifier.</summary>
    /// <param name="store">The challenges.</param>
    /// <param name="authority">The authority client, with the platform's key (it reads grants and revocation).</param>
    /// <param name="options">Roots, algorithms, caching.</param>
    /// <param name="time">The platform's clock.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is out of range (for example no <see cref="ChallengeOptions.Roots"/>).</exception>
    public ChallengeVerifier(IChallengeStore store, IBadgeAuthorityClient authority, ChallengeOptions options, TimeProvider time)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _authority = authority ?? throw new ArgumentNullException(nameof(authority));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        ValidatedOptions.ThrowIfInvalid(ChallengeOptionsValidator.Instance, options);
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
    /// challenge is refused with <see cref="ChallengeReasons.BindingMismatch"/> and consumes nothing.
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

    private async Task<ChallengeVerificationResult> VerifyCoreAsync(string answerJws, string? expectedChallengeId, CancellationToken cancellationToken)
    {
        if (!TryReadAnswer(answerJws, out var header, out var headerLength, out var answer, out var input, out var signature) || header.Typ != ChallengeJws.AnswerType)
        {
            return Fail(ChallengeReasons.Malformed);
        }

        if (_options.Algorithm(header.Alg) is not { } algorithm)
        {
            return Fail(ChallengeReasons.AlgorithmNotAllowed);
        }

        var now = _time.GetUtcNow();
        var signer = Signer(header, algorithm, now);
        if (signer.Problem is not null)
        {
            return Fail(signer.Problem);
        }

        if (signer.Role != "institution")
        {
            return Fail(ChallengeReasons.ChainInvalid);
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
            return Fail(ChallengeReasons.Revoked);
        }

        if (signer.Verifier is null || !signer.Verifier.Verify(input, signature))
        {
            return Fail(ChallengeReasons.BadSignature);
        }

        if (expectedChallengeId is not null && answer.ChallengeId != expectedChallengeId)
        {
            return Fail(ChallengeReasons.BindingMismatch);
        }

        var challenge = answer.ChallengeId is null ? null : await _store.GetAsync(answer.ChallengeId, cancellationToken).ConfigureAwait(false);
        if (challenge is null)
        {
            return Fail(ChallengeReasons.UnknownChallenge);
        }

        if (challenge.State is not (ChallengeState.Pending or ChallengeState.Scanned))
        {
            return Fail(ChallengeReasons.Replayed, challenge);
        }

        if (now > challenge.ExpiresAt)
        {
            await _store.TryReplaceAsync(challenge with { State = ChallengeState.Expired, Version = challenge.Version + 1, Reason = ChallengeReasons.Expired }, challenge.Version, cancellationToken).ConfigureAwait(false);
            return Fail(ChallengeReasons.Expired, challenge);
        }

        if (answer.Aud != challenge.Platform.Value || answer.AccountId != challenge.AccountId
            || !FixedEquals(answer.Nonce, challenge.Nonce) || !FixedEquals(answer.RequestHash, challenge.RequestHash ?? ChallengeJws.Hash(challenge.RequestJws)))
        {
            return Fail(ChallengeReasons.BindingMismatch, challenge);
        }

        var code = challenge.Uscc.ToString();
        if (answer.Uscc != code || signer.OrganizationIdentifier != code)
        {
            // Signed by another institution (or for another code): refused, and the challenge stays as it was, so
            // the holder of any valid credential cannot end someone else's pending challenge.
            return Fail(ChallengeReasons.UsccMismatch, challenge);
        }

        if (signer.Name is not { } signerName || signerName != challenge.InstitutionName)
        {
            return await RejectAsync(challenge, ChallengeReasons.NameMismatch, cancellationToken).ConfigureAwait(false);
        }

        if (string.IsNullOrWhiteSpace(answer.OperatorId) || answer.OperatorId.Length > MaxOperatorIdLength)
        {
            return Fail(ChallengeReasons.Malformed, challenge);
        }

        if (!await GrantedAsync(challenge, answer.OperatorId, now, cancellationToken).ConfigureAwait(false))
        {
            return await RejectAsync(challenge, ChallengeReasons.NotGranted, cancellationToken).ConfigureAwait(false);
        }

        if (answer.Decision is not ("approve" or "deny"))
        {
            // Fail closed: only an explicit approval approves.
            return Fail(ChallengeReasons.Malformed, challenge);
        }

        var denied = answer.Decision == "deny";
        var next = challenge with
        {
            State = denied ? ChallengeState.Denied : ChallengeState.Approved,
            Version = challenge.Version + 1,
            OperatorId = answer.OperatorId,
            Reason = denied ? ChallengeReasons.Denied : null,
            Answer = denied ? null : answerJws,
        };
        if (!await _store.TryReplaceAsync(next, challenge.Version, cancellationToken).ConfigureAwait(false))
        {
            return Fail(ChallengeReasons.Replayed, challenge);
        }

        return denied ? new ChallengeVerificationResult(false, ChallengeReasons.Denied, next) : new ChallengeVerificationResult(true, null, next);
    }

    // The chain is built once per distinct x5c and kept until the earliest of: the cache duration, the first
    // certificate's expiry. A cached failure is kept too (a bad chain stays bad), so junk cannot force rebuilds,
    // but only for the cache duration and within a bounded number of entries.
    private SignerInfo Signer(HeaderInfo header, IChallengeSignatureAlgorithm algorithm, DateTimeOffset now)
    {
        if (header.X5c is not { Count: > 0 } x5c || header.ChainKey is not { } key)
        {
            return SignerInfo.Failed(ChallengeReasons.ChainInvalid, DateTimeOffset.MaxValue);
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

    private SignerInfo BuildSigner(IReadOnlyList<string> x5c, IChallengeSignatureAlgorithm algorithm, DateTimeOffset now)
    {
        var fresh = now + _options.ChainCacheDuration;
        var certificates = ChallengeJws.Certificates(new ChallengeJwsHeader { X5c = x5c });
        if (certificates is null)
        {
            return SignerInfo.Failed(ChallengeReasons.ChainInvalid, fresh);
        }

        try
        {
            if (ChallengeJws.CheckChain(certificates, _options.Roots, now, out var chainValidFrom, out var chainValidUntil) is { } problem)
            {
                // An expired certificate is judged again at the next answer: the clock moves, the chain does not.
                return SignerInfo.Failed(problem, problem == ChallengeReasons.CertificateExpired ? now : fresh);
            }

            var leaf = certificates[0];
            var validUntil = chainValidUntil;
            var validFrom = chainValidFrom;
            return new SignerInfo(
                null,
                algorithm.CreateVerifier(leaf),
                leaf.Issuer + "#" + leaf.SerialNumber,
                leaf.SerialNumber,
                ChallengeJws.Role(leaf),
                ChallengeJws.OrganizationIdentifier(leaf),
                OrganizerName.TryParse(ChallengeJws.OrganizationName(leaf), out var name) ? name : null,
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

    // Reads the compact JWS. The header (algorithm, type, x5c) is the same for every answer a credential signs, so
    // its decoded form and chain key are kept per distinct header text: a repeat signer costs one lookup.
    private bool TryReadAnswer(string jws, out HeaderInfo header, out int headerLength, out ChallengeAnswerPayload answer, out byte[] input, out byte[] signature)
    {
        header = HeaderInfo.Empty;
        headerLength = 0;
        answer = null!;
        input = [];
        signature = [];
        if (string.IsNullOrEmpty(jws) || jws.Length > MaxAnswerLength)
        {
            return false;
        }

        var first = jws.IndexOf('.', StringComparison.Ordinal);
        var second = first <= 0 ? -1 : jws.IndexOf('.', first + 1);
        if (second < 0 || jws.IndexOf('.', second + 1) >= 0)
        {
            return false;
        }

        try
        {
            var headerText = jws.AsSpan(0, first);
            if (!_headers.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(headerText, out var cached))
            {
                var parsed = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(headerText), BadgeJsonContext.Default.ChallengeJwsHeader) ?? new ChallengeJwsHeader();
                cached = new HeaderInfo(parsed.Alg, parsed.Typ, parsed.X5c, parsed.X5c is { Count: > 0 } x5c ? ChainKey(parsed.Alg, x5c) : null, Cached: false);
            }

            header = cached;
            headerLength = first;
            answer = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(jws.AsSpan(first + 1, second - first - 1)), BadgeJsonContext.Default.ChallengeAnswerPayload)!;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return false;
        }

        // Every character before the second dot decoded as base64url, so it is ASCII.
        input = Encoding.ASCII.GetBytes(jws, 0, second);
        try
        {
            signature = Base64Url.DecodeFromChars(jws.AsSpan(second + 1));
        }
        catch (FormatException)
        {
            // An undecodable signature is a bad signature, judged after the header (so `alg` is checked first).
            signature = [];
        }

        return answer is not null;
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
            "operator grant check", ct => _authority.CheckOperatorGrantAsync(challenge.Uscc, challenge.Platform.Value, challenge.AccountId, operatorId, ct), cancellationToken).ConfigureAwait(false);
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
        string? Problem, IChallengeSignatureVerifier? Verifier, string RevocationKey, string SerialNumber, string? Role, string? OrganizationIdentifier, OrganizerName? Name, DateTimeOffset ValidFrom, DateTimeOffset FreshUntil)
    {
        public static SignerInfo Failed(string problem, DateTimeOffset freshUntil) => new(problem, null, string.Empty, string.Empty, null, null, null, DateTimeOffset.MinValue, freshUntil);
    }

    private async Task<ChallengeVerificationResult> RejectAsync(Challenge challenge, string reason, CancellationToken cancellationToken)
    {
        // A refused answer ends the challenge: the operator starts again with a new QR.
        var rejected = challenge with { State = ChallengeState.Rejected, Version = challenge.Version + 1, Reason = reason };
        var changed = await _store.TryReplaceAsync(rejected, challenge.Version, cancellationToken).ConfigureAwait(false);
        return Fail(changed ? reason : ChallengeReasons.Replayed, changed ? rejected : challenge);
    }

    private async Task<bool> RevokedAsync(string key, string serialNumber, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_revocation.TryGetValue(key, out var cached) && now < cached.FreshUntil)
        {
            return cached.State != CredentialState.Good;
        }

        var status = await AskAuthorityAsync("revocation check", ct => _authority.GetCredentialStatusAsync(serialNumber, ct), cancellationToken).ConfigureAwait(false);
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

    private static ChallengeVerificationResult Fail(string reason, Challenge? challenge = null) => new(false, reason, challenge);
}
