namespace Workbook.Cli;

/// <summary>
/// How wide the command's tables may be. Spectre.Console falls back to 80 columns whenever it cannot ask the
/// terminal (output piped, or a terminal that does not report its size), which wraps every lesson title; a
/// COLUMNS setting wins, and output that goes to a file or a pipe is not wrapped at all.
/// </summary>
public static class ConsoleWidth
{
    /// <summary>What is used when the output is not a terminal: wide enough that no row of a report wraps.</summary>
    public const int Unbounded = 200;

    /// <param name="columns">The COLUMNS environment variable, if set.</param>
    /// <param name="outputRedirected">Whether standard output is a file or a pipe.</param>
    /// <param name="terminalWidth">What the terminal reports, or null when it reports nothing.</param>
    /// <returns>The width to use, or null to let Spectre.Console measure the terminal itself.</returns>
    public static int? Choose(string? columns, bool outputRedirected, int? terminalWidth)
    {
        if (int.TryParse(columns, out var fromEnvironment) && fromEnvironment >= 20)
        {
            return fromEnvironment;
        }

        if (outputRedirected)
        {
            return Unbounded;
        }

        return terminalWidth is > 0 ? terminalWidth : null;
    }

    /// <summary>The width for this process, from its environment and terminal.</summary>
    public static int? ForThisProcess()
    {
        int? terminal = null;
        try
        {
            terminal = Console.IsOutputRedirected ? null : Console.WindowWidth;
        }
        catch (IOException)
        {
            // No terminal to ask.
        }

        return Choose(Environment.GetEnvironmentVariable("COLUMNS"), Console.IsOutputRedirected, terminal);
    }
}
