using System.Text.RegularExpressions;

namespace Workbook.Cli.Localization.Teaching;

/// <summary>
/// A lesson stub's message, <c>Lesson NN: implement Class.Member — what to do. Read docs/lessons/…; stuck? workbook hint NN</c>,
/// as it appears in a failure text; its key, <c>NN Class.Member</c>, names the stub's Vietnamese translation.
/// </summary>
public static partial class StubMessage
{
    /// <summary>The keys of the stub messages in <paramref name="text"/>, each once, in the order they appear.</summary>
    public static IReadOnlyList<string> Keys(string? text) => text is null
        ? []
        : [.. Pattern().Matches(text).Select(m => $"{m.Groups["lesson"].Value} {m.Groups["member"].Value}").Distinct(StringComparer.Ordinal)];

    [GeneratedRegex(@"Lesson (?<lesson>[0-9B][0-9]): implement (?<member>[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*) —")]
    private static partial Regex Pattern();
}
