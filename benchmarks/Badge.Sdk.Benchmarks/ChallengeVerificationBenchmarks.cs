using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Badge.Sdk.Challenges;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Badge.Sdk.Platforms;
using Badge.Sdk.TestData;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace Badge.Sdk.Benchmarks;

/// <summary>
/// Challenge verification (header, chain from the verifier's cache, cached revocation, ES256 signature, the stored
/// challenge and every binding, cached grant, the in-memory store's compare-and-swap) against the raw ECDSA P-256
/// verify of the same signatures, in the same run. Target (QR challenge issue): verification ≥ 80% of the raw rate.
/// Each operation consumes a fresh challenge: a batch of answers is verified per invocation. All are for one account
/// and operator, so the grant is the verifier's cached one (the target counts signature, chain from cache, bindings
/// and store; a first answer for an account also asks the authority for the grant: one network round trip).
/// </summary>
[MemoryDiagnoser]
public class ChallengeVerificationBenchmarks
{
    private const int Batch = 512;
    private static readonly UnifiedSocialCreditCode Uscc = UnifiedSocialCreditCode.Parse("11360922MB0001230X");
    private static readonly OrganizerName Name = OrganizerName.Parse("万载县人民政府办公室");

    private readonly List<Challenge> _challenges = [];
    private readonly List<string> _answers = [];
    private readonly List<(byte[] Input, byte[] Signature)> _raw = [];
    private ServiceProvider _provider = null!;
    private ECDsa _publicKey = null!;
    private ChallengeOptions _options = null!;
    private ChallengeVerifier _verifier = null!;
    private InMemoryChallengeStore _store = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = TestCertificateAuthority.CreateRoot();
        var institution = TestCertificateAuthority.Issue(root, "institution", Uscc.ToString(), Name.Value);
        var platform = TestCertificateAuthority.Issue(root, "platform:weibo", "91110000MA0000000X", "微博");

        _options = new ChallengeOptions();
        _options.Roots.Add(X509CertificateLoader.LoadCertificate(root.RawData));
        _publicKey = institution.GetECDsaPublicKey()!;

        var services = new ServiceCollection();
        services.AddBadgeAuthorityClient(o =>
        {
            o.BaseAddress = new Uri("http://127.0.0.1:5280/");
            o.ApiKey = "benchmark-platform";
        }).ConfigurePrimaryHttpMessageHandler(() => new AuthorityStub());
        _provider = services.BuildServiceProvider();

        // Challenges and answers made once; each iteration puts the challenges back, pending, in a new store.
        var issuer = new ChallengeIssuer(new InMemoryChallengeStore(), _options, TimeProvider.System);
        for (var i = 0; i <= Batch; i++)
        {
            var challenge = issuer.CreateAsync(new CreateChallengeRequest { Platform = PlatformId.Weibo, AccountId = "wb-1001", Uscc = Uscc, InstitutionName = Name, PlatformCertificate = platform, PlatformChain = [] }).GetAwaiter().GetResult();
            var answer = ChallengeSigner.Approve(new ChallengeAnswerRequest { RequestJws = challenge.RequestJws, Credential = institution, Chain = [], Roots = _options.Roots, OperatorId = "op-1", Now = DateTimeOffset.UtcNow });
            _challenges.Add(challenge);
            _answers.Add(answer);
            var dot = answer.LastIndexOf('.');
            _raw.Add((Encoding.ASCII.GetBytes(answer[..dot]), Base64Url(answer[(dot + 1)..])));
        }
    }

    [IterationSetup(Target = nameof(Verify))]
    public void FreshChallenges()
    {
        _store = new InMemoryChallengeStore();
        foreach (var challenge in _challenges)
        {
            _store.TryAddAsync(challenge).GetAwaiter().GetResult();
        }

        // A new verifier per iteration (its store is new); warm its chain, revocation and grant caches once.
        _verifier = new ChallengeVerifier(_store, _provider.GetRequiredService<IOperatorGrantClient>(), _provider.GetRequiredService<ICredentialAuthorityClient>(), _options, TimeProvider.System);
        if (!_verifier.VerifyAsync(_answers[Batch]).GetAwaiter().GetResult().IsValid)
        {
            throw new InvalidOperationException("The warm-up answer did not verify.");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public int RawEcdsaVerify()
    {
        var valid = 0;
        for (var i = 0; i < Batch; i++)
        {
            var (input, signature) = _raw[i];
            valid += _publicKey.VerifyData(input, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation) ? 1 : 0;
        }

        return valid;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public async Task<int> Verify()
    {
        var valid = 0;
        for (var i = 0; i < Batch; i++)
        {
            valid += (await _verifier.VerifyAsync(_answers[i])).IsValid ? 1 : 0;
        }

        return valid == Batch ? valid : throw new InvalidOperationException($"{Batch - valid} answers did not verify.");
    }

    [GlobalCleanup]
    public void Cleanup() => _provider.Dispose();

    internal string AnswerForProfile => _answers[0];

    internal ChallengeVerifier VerifierForProfile => _verifier;

    private static byte[] Base64Url(string text) => Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/').PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '='));

    // The authority's answers for the two calls the verifier makes (both cached after the first).
    private sealed class AuthorityStub : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            var json = path.EndsWith("/status", StringComparison.Ordinal)
                ? """{"serialNumber":"x","status":"good"}"""
                : """{"granted":true,"grantId":"g-1"}""";
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            return Task.FromResult(response);
        }
    }
}

/// <summary>`profile-challenge`: where a verification's time goes (a stopwatch sketch; figures come from BenchmarkDotNet).</summary>
internal static class ChallengeProfile
{
    public static async Task RunAsync()
    {
        var b = new ChallengeVerificationBenchmarks();
        b.Setup();
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("PROFILE_ROUNDS"), out var r) ? r : 6;
        for (var round = 0; round < rounds; round++)
        {
            b.FreshChallenges();
            var sw = System.Diagnostics.Stopwatch.StartNew();
            await b.Verify();
            var verify = sw.Elapsed.TotalMicroseconds / 512;
            sw.Restart();
            b.RawEcdsaVerify();
            var raw = sw.Elapsed.TotalMicroseconds / 512;
            Console.WriteLine($"verify {verify:0.0} µs   raw {raw:0.0} µs   ratio {raw / verify:0.00}");
        }

        var answer = b.AnswerForProfile;
        var sw3 = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 2000; i++)
        {
            await b.VerifierForProfile.VerifyAsync(answer);   // consumed: stops at "replayed" after the signature
        }

        Console.WriteLine($"replayed path {sw3.Elapsed.TotalMicroseconds / 2000:0.0} µs");
        var sw2 = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 5000; i++)
        {
            if (Badge.Sdk.Credentials.CompactJws.TryParse(answer, Badge.Sdk.Credentials.JwsReader.MaxLength, out var jws))
            {
                _ = jws.ReadHeader();
                _ = jws.ReadPayload(Badge.Sdk.Challenges.ChallengesJsonContext.Default.ChallengeAnswerPayload);
            }
        }

        Console.WriteLine($"TryRead {sw2.Elapsed.TotalMicroseconds / 5000:0.0} µs");
        sw2.Restart();
        for (var i = 0; i < 5000; i++)
        {
            Badge.Sdk.Challenges.ChallengeJws.Hash(answer);
        }

        Console.WriteLine($"Hash {sw2.Elapsed.TotalMicroseconds / 5000:0.0} µs");
    }
}
