using Badge.Gateway;

// badge-gateway: a reverse proxy in front of any web server that adds the badge footer to every HTML page.
// `dotnet run --project src/Badge.Gateway -- --Gateway:Upstream=http://127.0.0.1:8080 --Badge:Authority=… --Badge:BadgeId=…`
return await GatewayApp.RunAsync(args);
