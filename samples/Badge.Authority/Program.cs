using Badge.Authority;

// The local authority emulator. `dotnet run --project samples/Badge.Authority` listens on
// http://127.0.0.1:5280 and keeps its data in badge-authority.db (SQLite) in the working directory.
// A port in use or a bad option is one or two lines and exit code 2 (--verbose for the details).
return await SampleStartupException.RunAsync("Badge.Authority", args, async args =>
{
    var app = AuthorityApp.Build(args, SampleStartupException.QuietStartupFailures);
    await SampleStartupException.StartAsync(app, app.Configuration["urls"] ?? AuthorityApp.DefaultUrl, "the authority emulator", "--urls=http://127.0.0.1:<another port>");
    AuthorityApp.PrintBanner(app, Console.Out);
    await app.WaitForShutdownAsync();
    return 0;
});
