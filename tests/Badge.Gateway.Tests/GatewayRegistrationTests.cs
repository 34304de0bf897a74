using Microsoft.Extensions.Options;

namespace Badge.Gateway.Tests;

/// <summary>
/// The gateway's options as every options class of the SDK: bound from configuration, checked by the generated
/// validator field by field with a message naming the configuration key, and checked again when the host starts.
/// </summary>
public sealed class GatewayRegistrationTests
{
    private const string Authority = "--Badge:Authority=http://127.0.0.1:9";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Upstream", "/relative", "Gateway:Upstream must be an absolute http:// or https:// address")]
    [InlineData("Upstream", "ftp://127.0.0.1/", "Gateway:Upstream must be an absolute http:// or https:// address")]
    [InlineData("Timeout", "00:00:00", "Gateway:Timeout must be positive")]
    [InlineData("Timeout", "2.00:00:00", "Gateway:Timeout must be positive")]
    [InlineData("ProbeInterval", "-00:00:01", "Gateway:ProbeInterval must be positive")]
    [InlineData("HealthPath", "_gateway/health", "Gateway:HealthPath must be a path")]
    [InlineData("HealthPath", "/", "Gateway:HealthPath must be a path")]
    [InlineData("HealthPath", "/health check", "Gateway:HealthPath must be a path")]
    [InlineData("HealthPath", "/health?x=1", "Gateway:HealthPath must be a path")]
    [InlineData("HealthPath", "", "Gateway:HealthPath must be a path")]
    public void EachInvalidField_FailsWithOneMessageNamingItsKey(string key, string value, string message)
    {
        var valid = Bind(("Upstream", "http://127.0.0.1:8080"));
        Assert.True(GatewayOptionsValidator.Instance.Validate(null, valid).Succeeded); // the defaults are valid

        var result = GatewayOptionsValidator.Instance.Validate(null, Bind(("Upstream", "http://127.0.0.1:8080"), (key, value)));

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.Contains(message, failure, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure);
    }

    [Fact]
    public void AnInvalidField_StopsTheBuild_WithTheKeysMessageAlone()
    {
        var error = Assert.Throws<GatewayConfigurationException>(() => GatewayApp.Build(
            ["--Gateway:Upstream=http://127.0.0.1:8080", "--Gateway:HealthPath=health", Authority, "--Badge:BadgeId=bdg-1", "--urls=http://127.0.0.1:0"]));

        Assert.Equal("Gateway:HealthPath must be a path such as /_gateway/health (a slash, then no spaces, ? or #).", error.Message);
    }

    [Fact]
    public async Task TheSection_IsBoundAsOptions()
    {
        await using var gateway = await GatewayHost.StartAsync(
            "--Gateway:Upstream=http://127.0.0.1:8080", "--Gateway:HealthPath=/_health", "--Gateway:Timeout=00:00:30", "--Gateway:PreserveHost=false", Authority, "--Badge:BadgeId=bdg-1");

        var options = gateway.App.Services.GetRequiredService<IOptions<GatewayOptions>>().Value;

        Assert.Equal(new Uri("http://127.0.0.1:8080"), options.Upstream);
        Assert.Equal("/_health", options.HealthPath);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Timeout);
        Assert.False(options.PreserveHost);
        Assert.Equal(TimeSpan.FromSeconds(1), options.ProbeInterval); // GatewayHost's --Gateway:ProbeInterval
        using var http = new HttpClient { BaseAddress = gateway.Address };
        using var health = await http.GetAsync("/_health", Ct);
        Assert.Equal("application/json", health.Content.Headers.ContentType?.MediaType); // the health report, not a proxied page
    }

    [Fact]
    public async Task InvalidOptions_SetInCode_AreRefusedWhenTheHostStarts()
    {
        // Configuration is checked before the host is built; options changed in code are checked by ValidateOnStart.
        await using var app = GatewayApp.Build(
            ["--Gateway:Upstream=http://127.0.0.1:8080", Authority, "--Badge:BadgeId=bdg-1", "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=None"],
            b => b.Services.Configure<GatewayOptions>(o => o.ProbeInterval = TimeSpan.Zero));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(Ct));

        Assert.Contains("Gateway:ProbeInterval must be positive", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', GatewayApp.OneLine(error));
    }

    // Later values win, as a later configuration source does.
    private static GatewayOptions Bind(params (string Key, string Value)[] values)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in values)
        {
            data[$"{GatewayOptions.Section}:{key}"] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(data).Build().GetSection(GatewayOptions.Section).Get<GatewayOptions>()!;
    }
}
