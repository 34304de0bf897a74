using System.Diagnostics;
using System.Text;

namespace Badge.Sdk.IntegrationTests.Mistakes;

/// <summary>
/// A built sample or the tool run as its own process (<c>dotnet &lt;project&gt;/bin/&lt;configuration&gt;/net10.0/&lt;name&gt;.dll</c>,
/// what <c>dotnet run</c> starts), with its output captured.
/// </summary>
internal sealed class Executable : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private Executable(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (_output) { _output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (_error) { _error.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output { get { lock (_output) { return _output.ToString(); } } }

    public string Error { get { lock (_error) { return _error.ToString(); } } }

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The configuration the tests were built in (the samples are built with them).</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string Dll(string projectDirectory, string assemblyName) =>
        Path.Combine(RepositoryRoot, projectDirectory, "bin", Configuration, "net10.0", assemblyName + ".dll");

    public static Executable Start(string dll, IEnumerable<string> args, string? input = null, string? workingDirectory = null, IDictionary<string, string?>? environment = null)
    {
        Assert.True(File.Exists(dll), $"{dll} is built");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Never the machine's own settings: no stray key, no development environment.
        start.Environment.Remove("BADGE_API_KEY");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        var executable = new Executable(process);
        if (input is not null)
        {
            process.StandardInput.Write(input);
        }

        process.StandardInput.Close();
        return executable;
    }

    /// <summary>Runs to the end (at most 60 s) and returns the exit code and both outputs.</summary>
    public static async Task<(int Code, string Output, string Error)> RunAsync(string dll, IEnumerable<string> args, string? input = null, string? workingDirectory = null, IDictionary<string, string?>? environment = null)
    {
        await using var run = Start(dll, args, input, workingDirectory, environment);
        var code = await run.WaitAsync(TimeSpan.FromSeconds(60));
        return (code, run.Output, run.Error);
    }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the process did not end within {timeout.TotalSeconds} s; output:\n{Output}\nerror:\n{Error}");
        }

        _process.WaitForExit(); // drains the asynchronous readers
        return _process.ExitCode;
    }

    /// <summary>Waits until the standard output has a line containing <paramref name="text"/> (a server is up).</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.False(_process.HasExited, $"the process ended (exit code {(_process.HasExited ? _process.ExitCode : 0)}) before printing '{text}'; output:\n{Output}\nerror:\n{Error}");
            Assert.True(DateTime.UtcNow < deadline, $"no '{text}' within {timeout.TotalSeconds} s; output:\n{Output}\nerror:\n{Error}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
    }

    /// <summary>Asserts an ordinary mistake's report: the exit code, the message, one or two lines, no stack frame.</summary>
    public static void AssertMistake((int Code, string Output, string Error) run, int code, params string[] expected)
    {
        var all = run.Output + run.Error;
        Assert.True(run.Code == code, $"exit code {run.Code}, expected {code}; output:\n{run.Output}\nerror:\n{run.Error}");
        foreach (var text in expected)
        {
            Assert.Contains(text, all, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("   at ", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", all, StringComparison.Ordinal);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length is >= 1 and <= 2, $"one or two lines on standard error, not {lines.Length}:\n{run.Error}");
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Badge.Sdk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Badge.Sdk.sln not found above " + AppContext.BaseDirectory);
    }
}
