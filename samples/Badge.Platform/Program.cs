using Badge.Platform;

// The platform host sample: `dotnet run --project samples/Badge.Platform`.
// With no Badge:Authority configured it starts the authority emulator in-process.
await using var platform = await PlatformApp.StartAsync(args);
Console.WriteLine();
Console.WriteLine($"Platform ({platform.Platform}):  {platform.Address}");
Console.WriteLine($"Authority:          {platform.AuthorityAddress}");
Console.WriteLine("Scan its QR with:   dotnet run --project samples/Badge.CredentialApp -- scan <qr.png or URL> --operator <id>");
Console.WriteLine("Press Ctrl+C to stop.");
await platform.Host.WaitForShutdownAsync();
