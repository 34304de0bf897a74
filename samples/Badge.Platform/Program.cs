using Badge.Authority;
using Badge.Platform;

// The platform host sample: `dotnet run --project samples/Badge.Platform`.
// With no Badge:Authority configured it starts the authority emulator in-process (or uses the one already on 5280).
// A port in use or a bad option is one or two lines and exit code 2 (--verbose for the details).
return await SampleStartupException.RunAsync("Badge.Platform", args, async args =>
{
    await using var platform = await PlatformApp.StartAsync(args);
    Console.WriteLine();
    foreach (var notice in new[] { platform.AuthorityNotice, platform.PortNotice }.OfType<string>())
    {
        Console.WriteLine(notice);
    }

    Console.WriteLine($"Platform ({platform.Platform}):  {platform.Address}");
    Console.WriteLine($"Authority:          {platform.AuthorityAddress}");
    Console.WriteLine("Scan its QR with:   dotnet run --project samples/Badge.CredentialApp -- scan <qr.png or URL> --operator <id>");
    Console.WriteLine("Press Ctrl+C to stop.");
    await platform.Host.WaitForShutdownAsync();
    return 0;
});
