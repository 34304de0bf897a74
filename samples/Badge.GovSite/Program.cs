using Badge.Authority;
using Badge.GovSite;

// The government site sample: `dotnet run --project samples/Badge.GovSite`.
// With no Badge:Authority configured it starts the authority emulator in-process and issues its demo badge.
// A port in use or a bad option is one or two lines and exit code 2 (--verbose for the details).
return await SampleStartupException.RunAsync("Badge.GovSite", args, async args =>
{
    await using var site = await GovSiteApp.StartAsync(args);
    Console.WriteLine();
    if (site.AuthorityNotice is { } notice)
    {
        Console.WriteLine(notice);
    }

    Console.WriteLine($"Government site:  {site.SiteAddress}");
    Console.WriteLine($"Authority:        {site.AuthorityAddress}   badge {site.BadgeId}");
    Console.WriteLine($"Badge:            {await site.DescribeBadgeAsync(TimeSpan.FromSeconds(10))}");
    Console.WriteLine("Press Ctrl+C to stop.");
    await site.Site.WaitForShutdownAsync();
    return 0;
});
