using Badge.Sdk.Identity;
using BenchmarkDotNet.Attributes;

namespace Badge.Sdk.Benchmarks;

/// <summary>Parsing a unified social credit code: the fast path (already normal) and the normalising path.</summary>
[MemoryDiagnoser]
public class UnifiedSocialCreditCodeBenchmarks
{
    private string _normal = string.Empty;
    private string _typed = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _normal = UsccSamples.Valid();
        // Full-width, lower case and padded, as a person might type it into a form.
        _typed = "  " + string.Concat(_normal.ToLowerInvariant().Select(c => (char)(c + 0xFEE0))) + "\u3000";
    }

    [Benchmark(Baseline = true)]
    public bool TryParse_Normal() => UnifiedSocialCreditCode.TryParse(_normal.AsSpan(), out _);

    [Benchmark]
    public bool TryParse_FullWidthLowerCasePadded() => UnifiedSocialCreditCode.TryParse(_typed.AsSpan(), out _);

    [Benchmark]
    public string ParseAndFormat() => UnifiedSocialCreditCode.Parse(_normal.AsSpan()).ToString();

    // A public institution (12) in Beijing (110000) whose organisation code carries letters (MA), as most
    // codes issued since 2015 do; both check characters computed.
    private static class UsccSamples
    {
        public static string Valid()
        {
            const string First16 = "12110000MA01ABCD";
            var first17 = First16 + UnifiedSocialCreditCode.ComputeOrganizationCodeCheckCharacter(First16.AsSpan(8));
            return first17 + UnifiedSocialCreditCode.ComputeCheckCharacter(first17);
        }
    }
}
