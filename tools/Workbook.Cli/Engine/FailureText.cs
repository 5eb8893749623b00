using Workbook.Infrastructure.Testing;

namespace Workbook.Cli.Engine;

/// <summary>
/// A failure as a student should read it: the message, then only the stack frames of the workbook's own code
/// (the student's class and the test), without the assertion library's or the test framework's frames.
/// </summary>
public static class FailureText
{
    /// <summary>Joins the exception chain a test host reported (outermost first) into one text.</summary>
    public static string Compose(IReadOnlyList<string> types, IReadOnlyList<string> messages, IReadOnlyList<string> stacks)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(stacks);
        var parts = new List<string>();
        for (var i = 0; i < messages.Count; i++)
        {
            var type = i < types.Count ? types[i] : string.Empty;
            var prefix = i == 0 || type.Length == 0 ? string.Empty : $"---- {type}: ";
            var label = i == 0 && type.Length > 0 && !type.StartsWith("Xunit.", StringComparison.Ordinal) ? $"{type}: " : prefix;
            parts.Add(label + StackTraceTrimmer.Trim(messages[i]).TrimEnd());
            var frames = i < stacks.Count ? TrimStack(stacks[i]) : string.Empty;
            if (frames.Length > 0)
            {
                parts.Add(frames);
            }
        }

        return string.Join(Environment.NewLine, parts);
    }

    /// <summary>The frames of a stack trace that are not the framework's (<see cref="StackTraceTrimmer"/>).</summary>
    public static string TrimStack(string? stackTrace) => stackTrace is null ? string.Empty : StackTraceTrimmer.Trim(stackTrace).Trim('\n', '\r');
}
