using System.Text.RegularExpressions;

namespace Workbook.Infrastructure.Testing;

/// <summary>
/// Removes the test framework's own stack frames (FluentAssertions, xUnit) from a stack trace, or from a failure
/// message that embeds one, so a student sees only the frames of their code and of the test. The lesson tests'
/// assertion failures use it; <c>workbook watch</c> and <c>progress</c> can apply it to TRX stack traces too.
/// </summary>
public static partial class StackTraceTrimmer
{
    private const string AsyncSeparator = "--- End of stack trace from previous location ---";

    /// <summary>
    /// Returns <paramref name="text"/> without its FluentAssertions and xUnit frames and without the async
    /// separators that no longer stand between two kept lines. Any other line is kept as it is.
    /// </summary>
    /// <param name="text">A stack trace in .NET's format (<c>   at Type.Method(...) in file:line n</c>) or in
    /// xUnit's (<c>file(n,0): at Type.Method(...)</c>), or any text containing such lines.</param>
    public static string Trim(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var kept = new List<string>();
        string? pendingSeparator = null;
        foreach (var line in text.Split('\n'))
        {
            if (FrameworkFrame().IsMatch(line))
            {
                continue;
            }

            if (line.Trim() == AsyncSeparator)
            {
                // Kept only if a kept line precedes it and another follows it.
                if (kept.Count > 0 && pendingSeparator is null && kept[^1].Trim() != AsyncSeparator)
                {
                    pendingSeparator = line;
                }

                continue;
            }

            if (pendingSeparator is not null)
            {
                kept.Add(pendingSeparator);
                pendingSeparator = null;
            }

            kept.Add(line);
        }

        return string.Join('\n', kept).TrimEnd('\r', '\n');
    }

    // "   at FluentAssertions.X.Y(...)" or xUnit's "path/File.cs(12,0): at Xunit.X.Y(...)".
    [GeneratedRegex(@"^\s*(?:\S.*?\(\d+,\d+\): )?at (?:FluentAssertions|Xunit)\.", RegexOptions.CultureInvariant)]
    private static partial Regex FrameworkFrame();
}
