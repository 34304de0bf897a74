using Badge.CredentialApp;

// The credential app: `dotnet run --project samples/Badge.CredentialApp -- --help`.
return await CredentialAppCommand.RunAsync(args, CredentialTerminal.System);
