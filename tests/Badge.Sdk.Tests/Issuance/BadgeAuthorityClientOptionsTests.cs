using Badge.Sdk.Issuance;

namespace Badge.Sdk.Tests.Issuance;

// The generated validator of the client's options: each wrong value is refused naming the option.
public sealed class BadgeAuthorityClientOptionsTests
{
    private static readonly BadgeAuthorityClientOptionsValidator Validator = new();

    private static BadgeAuthorityClientOptions Valid() => new() { BaseAddress = new Uri("http://127.0.0.1:5280/") };

    [Fact]
    public void TheDefaults_WithAnAddress_AreValid() =>
        Assert.True(Validator.Validate(null, Valid()).Succeeded);

    [Theory]
    [InlineData(nameof(BadgeAuthorityClientOptions.BaseAddress))]
    [InlineData(nameof(BadgeAuthorityClientOptions.CertificateCacheDuration))]
    [InlineData(nameof(BadgeAuthorityClientOptions.AttemptTimeout))]
    [InlineData(nameof(BadgeAuthorityClientOptions.TotalTimeout))]
    [InlineData(nameof(BadgeAuthorityClientOptions.MaxResponseBytes))]
    [InlineData(nameof(BadgeAuthorityClientOptions.MaxImageBytes))]
    public void AWrongValue_IsRefusedNamingTheOption(string option)
    {
        var options = Valid();
        switch (option)
        {
            case nameof(BadgeAuthorityClientOptions.BaseAddress): options.BaseAddress = new Uri("ftp://127.0.0.1/"); break;
            case nameof(BadgeAuthorityClientOptions.CertificateCacheDuration): options.CertificateCacheDuration = TimeSpan.Zero; break;
            case nameof(BadgeAuthorityClientOptions.AttemptTimeout): options.AttemptTimeout = TimeSpan.FromSeconds(-1); break;
            case nameof(BadgeAuthorityClientOptions.TotalTimeout): options.TotalTimeout = TimeSpan.FromDays(2); break;
            case nameof(BadgeAuthorityClientOptions.MaxResponseBytes): options.MaxResponseBytes = 1023; break;
            case nameof(BadgeAuthorityClientOptions.MaxImageBytes): options.MaxImageBytes = 0; break;
        }

        var result = Validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(option, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void NoAddress_IsRefusedSayingWhatToSet()
    {
        var result = Validator.Validate(null, new BadgeAuthorityClientOptions());

        Assert.True(result.Failed);
        Assert.Contains("BaseAddress is required", result.FailureMessage, StringComparison.Ordinal);
    }
}
