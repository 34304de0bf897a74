namespace Badge.Tool;

/// <summary>
/// The tool's exit codes: 0 success (all pass), 1 findings, 2 usage or input error (a bad or missing argument, a
/// missing file, an unknown badge, an authority that cannot be reached or refuses), 3 internal error.
/// </summary>
internal static class ExitCodes
{
    public const int Pass = 0;
    public const int HasFindings = 1;
    public const int UsageOrInputError = 2;
    public const int InternalError = 3;

    /// <summary>Stopped with Ctrl+C (128 + SIGINT, as a shell reports it).</summary>
    public const int Stopped = 130;
}
