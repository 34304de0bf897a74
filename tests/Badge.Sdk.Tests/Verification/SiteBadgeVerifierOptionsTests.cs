using Badge.Sdk.Verification;

namespace Badge.Sdk.Tests.Verification;

// The generated validator of the verifier's options: each wrong value is refused naming the option.
public sealed class SiteBadgeVerifierOptionsTests
{
    private static SiteBadgeVerifierOptions Valid() => new() { Authority = new Uri("http://127.0.0.1:5280/") };

    [Fact]
    public void TheDefaults_WithAnAuthority_AreValid() =>
        Assert.True(SiteBadgeVerifierOptionsValidator.Instance.Validate(null, Valid()).Succeeded);

    [Theory]
    [InlineData(nameof(SiteBadgeVerifierOptions.Authority))]
    [InlineData(nameof(SiteBadgeVerifierOptions.Timeout))]
    [InlineData(nameof(SiteBadgeVerifierOptions.MaxPageBytes))]
    [InlineData(nameof(SiteBadgeVerifierOptions.MaxRedirects))]
    [InlineData(nameof(SiteBadgeVerifierOptions.BottomFraction))]
    public void AWrongValue_IsRefusedNamingTheOption(string option)
    {
        var options = Valid();
        switch (option)
        {
            case nameof(SiteBadgeVerifierOptions.Authority): options.Authority = null; break;
            case nameof(SiteBadgeVerifierOptions.Timeout): options.Timeout = TimeSpan.Zero; break;
            case nameof(SiteBadgeVerifierOptions.MaxPageBytes): options.MaxPageBytes = 100; break;
            case nameof(SiteBadgeVerifierOptions.MaxRedirects): options.MaxRedirects = 21; break;
            case nameof(SiteBadgeVerifierOptions.BottomFraction): options.BottomFraction = 0; break;
        }

        var result = SiteBadgeVerifierOptionsValidator.Instance.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(option, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    public void TheEndsOfTheRedirectRange_AreValid(int redirects)
    {
        var options = Valid();
        options.MaxRedirects = redirects;

        Assert.True(SiteBadgeVerifierOptionsValidator.Instance.Validate(null, options).Succeeded);
    }
}
