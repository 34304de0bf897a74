using System.CommandLine;

namespace Badge.Tool;

/// <summary>The options every command takes (recursive on the root): the authority, its API key, where sites are reached, and --verbose.</summary>
internal static class GlobalOptions
{
    private const string Emulator = "http://127.0.0.1:5280/";

    public static readonly Option<string> Authority = new("--authority")
    {
        Description = "The trusted authority (default: BADGE_AUTHORITY, else the local emulator at http://127.0.0.1:5280/).",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("BADGE_AUTHORITY") is { Length: > 0 } fromEnvironment ? fromEnvironment : Emulator,
    };

    public static readonly Option<string?> ApiKey = new("--api-key") { Description = "API key for issuing (or BADGE_API_KEY).", Recursive = true };

    public static readonly Option<string?> ConnectTo = new("--connect-to")
    {
        Description = "Connect every site host name to this address:port instead of resolving it (staging, tests).",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Print the details (stack trace) of an internal error.",
        Recursive = true,
    };

    /// <summary>Adds the options to the root command, in the order its help lists them.</summary>
    public static void AddTo(RootCommand root)
    {
        root.Options.Add(Verbose);
        root.Options.Add(Authority);
        root.Options.Add(ApiKey);
        root.Options.Add(ConnectTo);
    }

    /// <summary>The authority's base address, ending in a slash; a value that is not an http(s) URL is the user's mistake.</summary>
    public static Uri AuthorityAddress(ParseResult parse)
    {
        var value = parse.GetValue(Authority) ?? Emulator;
        return Uri.TryCreate(value.EndsWith('/') ? value : value + "/", UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new ToolInputException(value.Contains("://", StringComparison.Ordinal)
                ? $"--authority '{value}' is not an http(s) URL."
                : $"--authority '{value}' has no scheme; write it as a URL, for example --authority http://{value.TrimEnd('/')}/");
    }

    public static string? ApiKeyValue(ParseResult parse) => parse.GetValue(ApiKey) ?? Environment.GetEnvironmentVariable("BADGE_API_KEY");
}
