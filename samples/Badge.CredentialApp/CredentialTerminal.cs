using System.Text;

namespace Badge.CredentialApp;

/// <summary>Where the app reads and writes: the console, or (in tests) redirected text.</summary>
/// <param name="In">Where answers and passwords are read from.</param>
/// <param name="Out">Where results go.</param>
/// <param name="Error">Where problems go.</param>
/// <param name="Interactive">Whether <see cref="In"/> is a real keyboard (passwords are then read without echo).</param>
public sealed record CredentialTerminal(TextReader In, TextWriter Out, TextWriter Error, bool Interactive)
{
    /// <summary>The process's console.</summary>
    public static CredentialTerminal System => new(Console.In, Console.Out, Console.Error, !Console.IsInputRedirected);

    /// <summary>Asks for a secret: without echo at a keyboard, one line when input is redirected.</summary>
    /// <param name="prompt">The prompt.</param>
    /// <returns>The secret (empty when input ended).</returns>
    public string ReadSecret(string prompt)
    {
        Out.Write(prompt);
        if (!Interactive)
        {
            var line = In.ReadLine() ?? string.Empty;
            Out.WriteLine();
            return line;
        }

        var secret = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (secret.Length > 0)
                {
                    secret.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                secret.Append(key.KeyChar);
            }
        }

        Out.WriteLine();
        return secret.ToString();
    }

    /// <summary>Asks a yes/no question; anything but y/yes/是 is no.</summary>
    /// <param name="prompt">The question.</param>
    /// <returns>Whether the answer was yes.</returns>
    public bool Confirm(string prompt)
    {
        Out.Write(prompt + " [y/N] ");
        var answer = (In.ReadLine() ?? string.Empty).Trim();
        return answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase) || answer == "是";
    }
}
