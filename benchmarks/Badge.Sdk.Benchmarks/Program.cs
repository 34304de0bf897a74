using Badge.Sdk.Benchmarks;
using BenchmarkDotNet.Running;

// `serve <port> <plain|badge|naive|visit>` runs the load-test host (see load-test.sh); `faulty-authority` the
// misbehaving authority of the fault suite (see README); anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "serve")
{
    await LoadTestHost.RunAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args[2]);
    return;
}

if (args.Length > 0 && args[0] == "faulty-authority")
{
    Environment.ExitCode = await FaultyAuthorityCommand.RunAsync(args[1..]);
    return;
}

if (args.Length > 0 && args[0] == "scan-floor")
{
    ScanFloor.Run();
    return;
}

if (args.Length > 0 && args[0] == "profile-middleware")
{
    await LoadTestHost.ProfileAsync();
    return;
}

if (args.Length > 0 && args[0] == "profile-scan")
{
    ScanProfile.Run();
    return;
}

if (args.Length > 0 && args[0] == "profile-footer")
{
    FooterProfile.Run();
    return;
}

if (args.Length > 0 && args[0] == "profile-challenge")
{
    await ChallengeProfile.RunAsync();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
