namespace Badge.Sdk.IntegrationTests.Authority;

public sealed class OpenApiContractTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    /// <summary>
    /// The contract kept in the repository (samples/Badge.Authority/openapi/v1.json) is what the emulator serves.
    /// After changing the API, run the tests with BADGE_UPDATE_OPENAPI=1 to rewrite it, and review the diff.
    /// </summary>
    [Fact]
    public async Task ServedDocument_MatchesTheCommittedContract()
    {
        using var http = new HttpClient();
        var served = await http.GetStringAsync(new Uri(fixture.Host.Address, "openapi/v1.json"), TestContext.Current.CancellationToken);
        served = served.Replace(fixture.Host.Address.ToString(), "http://127.0.0.1:5280/", StringComparison.Ordinal).ReplaceLineEndings("\n");

        if (Environment.GetEnvironmentVariable("BADGE_UPDATE_OPENAPI") == "1")
        {
            var target = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../samples/Badge.Authority/openapi/v1.json"));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await File.WriteAllTextAsync(target, served, TestContext.Current.CancellationToken);
        }

        var committedPath = Path.Combine(AppContext.BaseDirectory, "openapi", "v1.json");
        Assert.True(File.Exists(committedPath), "samples/Badge.Authority/openapi/v1.json is missing; run the tests once with BADGE_UPDATE_OPENAPI=1");
        var committed = (await File.ReadAllTextAsync(committedPath, TestContext.Current.CancellationToken)).ReplaceLineEndings("\n");
        Assert.Equal(committed, served);
    }
}
