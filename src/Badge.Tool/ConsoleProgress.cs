namespace Badge.Tool;

/// <summary>
/// A long run's progress: one live line rewritten in place on a terminal, one line an update when the output goes to
/// a file or a pipe (where a carriage return would leave a mess).
/// </summary>
internal sealed class ConsoleProgress
{
    public bool Interactive { get; } = !Console.IsOutputRedirected;

    public void Report(string live, string line)
    {
        if (Interactive)
        {
            Console.Write("\r" + live + "   ");
        }
        else
        {
            Console.WriteLine(line);
        }
    }

    /// <summary>Ends the live line, so what follows starts on a line of its own.</summary>
    public void End()
    {
        if (Interactive)
        {
            Console.WriteLine();
        }
    }
}
