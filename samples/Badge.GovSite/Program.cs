using Badge.GovSite;

// The government site sample: `dotnet run --project samples/Badge.GovSite`.
// With no Badge:Authority configured it starts the authority emulator in-process and issues its demo badge.
await using var site = await GovSiteApp.StartAsync(args);
Console.WriteLine();
Console.WriteLine($"Government site:  {site.SiteAddress}   (the badge is at the bottom of every page)");
Console.WriteLine($"Authority:        {site.AuthorityAddress}   badge {site.BadgeId}");
Console.WriteLine("Press Ctrl+C to stop.");
await site.Site.WaitForShutdownAsync();
