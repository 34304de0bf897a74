using Badge.GovSite;

// The government site sample: `dotnet run --project samples/Badge.GovSite`.
// With no Badge:Authority configured it starts the authority emulator in-process and issues its demo badge.
await using var site = await GovSiteApp.StartAsync(args);
Console.WriteLine();
Console.WriteLine($"Government site:  {site.SiteAddress}");
Console.WriteLine($"Authority:        {site.AuthorityAddress}   badge {site.BadgeId}");
Console.WriteLine($"Badge:            {await site.DescribeBadgeAsync(TimeSpan.FromSeconds(10))}");
Console.WriteLine("Press Ctrl+C to stop.");
await site.Site.WaitForShutdownAsync();
