using Badge.Authority;

// The local authority emulator. `dotnet run --project samples/Badge.Authority` listens on
// http://127.0.0.1:5280 and keeps its data in badge-authority.db (SQLite) in the working directory.
var app = AuthorityApp.Build(args);
await app.StartAsync();
AuthorityApp.PrintBanner(app, Console.Out);
await app.WaitForShutdownAsync();
