using System.Net;
using System.Net.Sockets;
using Badge.Sdk.IntegrationTests.Mistakes;

namespace Badge.Sdk.IntegrationTests.Tool;

/// <summary>
/// What every command that calls the authority says when it cannot be reached or refuses (run as the built
/// executable): what happened and what to do, exit code 2, no stack trace.
/// </summary>
public sealed class AuthorityServicesTests
{
    private static readonly string Badge = Executable.Dll("src/Badge.Tool", "badge");

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Theory]
    [InlineData("lookup bdg-x")]
    [InlineData("render bdg-x")]
    [InlineData("issue --uscc 11360922MB0001230X --organizer 万载县人民政府办公室 --name 演示 --domain www.example.gov.cn --api-key k")]
    public async Task UnreachableAuthority_SaysHowToStartOne(string command)
    {
        var port = ClosedPort();

        var run = await Executable.RunAsync(Badge, [.. command.Split(' '), "--authority", $"http://127.0.0.1:{port}/"]);

        Executable.AssertMistake(run, 2, $"Could not reach the authority at http://127.0.0.1:{port}/", "dotnet run --project samples/Badge.Authority");
    }
}
