using Microsoft.AspNetCore.Connections;

namespace Badge.Authority;

/// <summary>
/// An ordinary mistake while a sample starts (a port in use, a missing or bad option): printed as one or two lines,
/// exit code 2, no stack trace (unless <c>--verbose</c>).
/// </summary>
public sealed class SampleStartupException : Exception
{
    /// <summary>The exit code for an ordinary mistake (usage or input error).</summary>
    public const int UsageOrInputError = 2;

    /// <summary>The exit code for anything unexpected.</summary>
    public const int InternalError = 3;

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="advice">What to do about it.</param>
    /// <param name="innerException">The cause.</param>
    public SampleStartupException(string message, string? advice, Exception? innerException = null)
        : base(message, innerException)
    {
        Advice = advice;
    }

    /// <summary>What to do about it.</summary>
    public string? Advice { get; }

    /// <summary>Starts a host, turning "address already in use" into a <see cref="SampleStartupException"/>.</summary>
    /// <param name="app">The host.</param>
    /// <param name="url">Where it listens.</param>
    /// <param name="what">What the host is, for the message.</param>
    /// <param name="otherPort">The option that picks another address.</param>
    /// <returns>A task.</returns>
    public static async Task StartAsync(WebApplication app, string url, string what, string otherPort)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            await app.StartAsync();
        }
        catch (IOException ex) when (ex.InnerException is AddressInUseException || ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            await app.DisposeAsync();
            throw new SampleStartupException(
                $"Cannot start {what} on {url}: the port is in use (is it already running in another terminal?).",
                $"Stop the other one, or pass {otherPort}.",
                ex);
        }
    }

    /// <summary>
    /// Runs a sample's main: a <see cref="SampleStartupException"/> becomes its lines on standard error and exit code 2,
    /// anything else one line and exit code 3; the stack trace only with <c>--verbose</c> or a Debug/Trace
    /// <c>Logging:LogLevel:Default</c>.
    /// </summary>
    /// <param name="name">The sample's name, for the messages.</param>
    /// <param name="args">The command line; <c>--verbose</c> is taken out of it.</param>
    /// <param name="main">The sample's work, given the remaining arguments; returns its exit code.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string name, string[] args, Func<string[], Task<int>> main)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(main);
        var verbose = args.Contains("--verbose", StringComparer.Ordinal);
        args = [.. args.Where(a => a != "--verbose")];
        verbose |= args.Any(a => a.StartsWith("--Logging:LogLevel:Default=", StringComparison.OrdinalIgnoreCase)
            && (a.EndsWith("=Debug", StringComparison.OrdinalIgnoreCase) || a.EndsWith("=Trace", StringComparison.OrdinalIgnoreCase)));
        try
        {
            return await main(verbose ? [.. args, "--Badge:Verbose=true"] : args);
        }
        catch (SampleStartupException ex)
        {
            await Console.Error.WriteLineAsync($"{name}: {ex.Message}");
            if (ex.Advice is not null)
            {
                await Console.Error.WriteLineAsync($"  {ex.Advice}");
            }

            if (verbose && ex.InnerException is not null)
            {
                await Console.Error.WriteLineAsync(ex.InnerException.ToString());
            }

            return UsageOrInputError;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync(verbose
                ? $"{name}: internal error: {ex}"
                : $"{name}: internal error: {ex.GetType().Name}: {ex.Message} (--verbose shows the details)");
            return InternalError;
        }
    }

    /// <summary>Whether a host was asked for details (<c>--verbose</c>): then the host's own failure logs stay on.</summary>
    /// <param name="configuration">The host's configuration.</param>
    /// <returns>Whether it was.</returns>
    public static bool Verbose(IConfiguration configuration) => configuration?["Badge:Verbose"] == "true";

    /// <summary>
    /// Quiets the host's own "Hosting failed to start" log (it carries a stack trace) unless <c>--verbose</c> asked
    /// for details: the failure is reported once, by <see cref="RunAsync"/>.
    /// </summary>
    /// <param name="builder">The host builder.</param>
    public static void QuietStartupFailures(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!Verbose(builder.Configuration))
        {
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        }
    }
}
