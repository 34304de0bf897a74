namespace Badge.Sdk.TestData;

/// <summary>The Redis server .ci/run starts; tests skip without one unless BADGE_REQUIRE_SYSTEM_PACKAGES=1.</summary>
internal static class RedisServer
{
    public static string EndpointOrSkip()
    {
        var endpoint = Environment.GetEnvironmentVariable("BADGE_REDIS") ?? "127.0.0.1:6379";
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            var parts = endpoint.Split(':');
            client.Connect(parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
            return endpoint;
        }
        catch (System.Net.Sockets.SocketException)
        {
            var reason = $"No Redis server at {endpoint} (apt-get install redis-server; .ci/run starts one and sets BADGE_REDIS).";
            if (Environment.GetEnvironmentVariable("BADGE_REQUIRE_SYSTEM_PACKAGES") == "1")
            {
                Assert.Fail(reason);
            }

            Assert.Skip(reason);
            return endpoint;
        }
    }
}
