using System.Text.RegularExpressions;

namespace Workbook.Cli.Localization;

/// <summary>
/// A Markdown heading: its level (the number of <c>#</c>), its text, and the English heading it translates, from the
/// <c>&lt;!-- en: … --&gt;</c> comment a Vietnamese page ends each heading with (null on an English page).
/// </summary>
public sealed partial record MarkdownHeading(int Level, string Text, string? EnglishKey)
{
    /// <summary>The English heading: the key on a translated page, the text itself on an English one.</summary>
    public string English => EnglishKey ?? Text;

    /// <summary>The heading of a line, or null when the line is not one.</summary>
    public static MarkdownHeading? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var heading = Heading().Match(line);
        if (!heading.Success)
        {
            return null;
        }

        var text = heading.Groups[2].Value;
        var key = EnglishComment().Match(text);
        return key.Success
            ? new MarkdownHeading(heading.Groups[1].Length, text[..key.Index].Trim(), key.Groups[1].Value.Trim())
            : new MarkdownHeading(heading.Groups[1].Length, text.Trim(), null);
    }

    /// <summary>Every heading of a page in order, those inside fenced code blocks (a shell comment is no heading) left out.</summary>
    public static IReadOnlyList<MarkdownHeading> All(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var headings = new List<MarkdownHeading>();
        var fenced = false;
        foreach (var line in lines)
        {
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                fenced = !fenced;
            }
            else if (!fenced && Parse(line) is { } heading)
            {
                headings.Add(heading);
            }
        }

        return headings;
    }

    [GeneratedRegex(@"^(#{1,6})\s+(.*?)\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"<!--\s*en:\s*(.*?)\s*-->\s*$")]
    private static partial Regex EnglishComment();
}
