using System.Globalization;
using Badge.Sdk.Identity;
using Badge.Sdk.Issuance;
using Badge.Sdk.TestData;
using Microsoft.Extensions.DependencyInjection;

namespace Badge.Sdk.Benchmarks;

/// <summary>
/// <c>faulty-authority</c>: the fault-injection suite's misbehaving authority, run by hand in front of a real one, so
/// a person can point a site at it (<c>--Badge:Authority=…</c>) and watch it keep serving through every mode.
/// </summary>
internal static class FaultyAuthorityCommand
{
    private const string Usage = """
        usage: faulty-authority [--upstream URL] [--port N] [--mode NAME] [--cycle SECONDS] [--issue-demo-badge]
          --upstream URL       the real authority (default http://127.0.0.1:5280/, the emulator)
          --port N             where the faulty authority listens on 127.0.0.1 (default 5281)
          --mode NAME          the first mode (default none)
          --cycle SECONDS      go through every mode in turn, SECONDS each, 'none' between them
          --issue-demo-badge   issue a badge at the upstream (key demo-institution-a) and print its id
        Switch modes by typing a name and Enter, or: curl http://127.0.0.1:PORT/_fault/NAME
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var upstream = new Uri("http://127.0.0.1:5280/");
        var port = 5281;
        var first = "none";
        TimeSpan? cycle = null;
        var issue = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--upstream" when i + 1 < args.Length && Uri.TryCreate(args[i + 1], UriKind.Absolute, out var u):
                    upstream = u;
                    i++;
                    break;
                case "--port" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var p):
                    port = p;
                    i++;
                    break;
                case "--mode" when i + 1 < args.Length:
                    first = args[++i];
                    break;
                case "--cycle" when i + 1 < args.Length && double.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var c) && c > 0:
                    cycle = TimeSpan.FromSeconds(c);
                    i++;
                    break;
                case "--issue-demo-badge":
                    issue = true;
                    break;
                default:
                    Console.Error.WriteLine($"unknown or incomplete argument '{args[i]}'");
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }

        if (issue)
        {
            var services = new ServiceCollection();
            services.AddBadgeAuthorityClient(o =>
            {
                o.BaseAddress = upstream;
                o.ApiKey = "demo-institution-a";
            });
            await using var provider = services.BuildServiceProvider();
            var issued = await provider.GetRequiredService<IBadgeAuthorityClient>().IssueBadgeAsync(IssueBadgeRequest.ForWebsite(
                UnifiedSocialCreditCode.Parse("11360922MB0001230X"), OrganizerName.Parse("万载县人民政府办公室"), OnlineName.Parse("万载县人民政府网（故障演示）"),
                SiteDomain.Parse($"faulty-{Guid.NewGuid():N}"[..20] + ".test")));
            Console.WriteLine($"demo badge: {issued.Id}");
        }

        await using var authority = FaultyAuthority.Start(upstream, port);
        if (!authority.TrySetMode(first))
        {
            Console.Error.WriteLine($"unknown mode '{first}'");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        Console.WriteLine($"faulty authority: {authority.Address} in front of {upstream}");
        Console.WriteLine($"modes: {string.Join(", ", FaultyAuthority.Modes.Select(m => m.Name))}, missing-field:<name>");
        Console.WriteLine($"{Now()} mode {FaultyAuthority.Name(authority.Mode)}");
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        var typing = Task.Run(() =>
        {
            while (Console.ReadLine() is { } line)
            {
                line = line.Trim();
                if (line.Length > 0)
                {
                    Console.WriteLine(authority.TrySetMode(line) ? $"{Now()} mode {FaultyAuthority.Name(authority.Mode)}" : $"unknown mode '{line}'");
                }
            }
        });

        try
        {
            if (cycle is { } each)
            {
                var modes = FaultyAuthority.Modes.Where(m => m.Mode != FaultMode.None).ToList();
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var (name, mode) = modes[i % modes.Count];
                    authority.MissingField = "organizerName";
                    authority.Mode = mode;
                    Console.WriteLine($"{Now()} mode {name}{(mode == FaultMode.MissingField ? ":organizerName" : string.Empty)}");
                    await Task.Delay(each, stop.Token);
                    authority.Mode = FaultMode.None;
                    Console.WriteLine($"{Now()} mode none");
                    await Task.Delay(each, stop.Token);
                }
            }
            else
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }

        return 0;
    }

    private static string Now() => DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}
