namespace Badge.Tool;

/// <summary>A mistake in what the user typed: reported in one line, exit code 2, no stack trace.</summary>
internal sealed class ToolInputException(string message) : Exception(message);
