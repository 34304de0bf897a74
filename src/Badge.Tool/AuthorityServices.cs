using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Badge.Sdk;
using Badge.Sdk.Issuance;
using Microsoft.Extensions.DependencyInjection;

namespace Badge.Tool;

/// <summary>
/// The authority client (and, for verify, the site verifier) built from the global options, and what the tool says
/// when the authority cannot be reached or refuses.
/// </summary>
internal static class AuthorityServices
{
    /// <summary>The authority client, for the trusted authority and API key the command line names.</summary>
    public static ServiceProvider Create(ParseResult parse) => AddClient(new ServiceCollection(), parse).BuildServiceProvider();

    /// <summary>The authority client and the site verifier; the verifier trusts the same authority.</summary>
    public static ServiceProvider CreateWithVerifier(ParseResult parse, TimeSpan timeout)
    {
        var services = AddClient(new ServiceCollection(), parse);
        var verifier = services.AddSiteBadgeVerifier(o => o.Timeout = timeout);
        if (parse.GetValue(GlobalOptions.ConnectTo) is { } connectTo && IPEndPoint.TryParse(connectTo, out var endpoint))
        {
            verifier.ConfigurePrimaryHttpMessageHandler((handler, _) => ((SocketsHttpHandler)handler).ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(endpoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            });
        }

        return services.BuildServiceProvider();
    }

    /// <summary>
    /// Runs one call to the authority: a refusal or an authority that cannot be reached is the user's to fix (one or
    /// two lines saying what to do, exit code 2), never a stack trace.
    /// </summary>
    /// <param name="parse">The command line (the authority and the key).</param>
    /// <param name="id">The badge id the call reads, so that a 404 can name it; <see langword="null"/> when it reads none.</param>
    /// <param name="call">The call; returns the exit code.</param>
    public static async Task<int> CallAsync(ParseResult parse, string? id, Func<IBadgeAuthorityClient, Task<int>> call)
    {
        await using var services = Create(parse);
        try
        {
            return await call(services.GetRequiredService<IBadgeAuthorityClient>());
        }
        catch (BadgeAuthorityException ex)
        {
            await Console.Error.WriteLineAsync(Problem(ex, parse, id));
            return ExitCodes.UsageOrInputError;
        }
    }

    // One or two lines for what the authority said, with what to do.
    private static string Problem(BadgeAuthorityException ex, ParseResult parse, string? id) => ex switch
    {
        { Code: "transport_error" } or { Status: null } =>
            $"Could not reach the authority at {GlobalOptions.AuthorityAddress(parse)}: {ex.Message}\nStart the emulator (dotnet run --project samples/Badge.Authority) or pass --authority <url>.",
        { Status: 404 } when id is not null => $"The authority at {GlobalOptions.AuthorityAddress(parse)} has no badge '{id}'. Check the id (badge lookup takes a badge id or a legacy id).",
        { Status: 401 or 403 } => $"The authority refused the API key ({ex.Code}): {ex.Message}\nUse the institution's key (--api-key or BADGE_API_KEY); the emulator prints its demo keys at start.",
        _ => $"The authority refused ({ex.Code ?? ex.Status?.ToString(CultureInfo.InvariantCulture)}{(ex.Field is null ? string.Empty : ", field " + ex.Field)}): {ex.Message}",
    };

    private static ServiceCollection AddClient(ServiceCollection services, ParseResult parse)
    {
        var authority = GlobalOptions.AuthorityAddress(parse);
        services.AddBadgeAuthorityClient(o =>
        {
            o.BaseAddress = authority;
            o.ApiKey = GlobalOptions.ApiKeyValue(parse);
        });
        return services;
    }
}
