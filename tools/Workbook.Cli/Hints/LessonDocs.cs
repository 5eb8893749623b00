using System.Text.RegularExpressions;

namespace Workbook.Cli.Hints;

/// <summary>
/// The lesson pages <c>docs/lessons/NN-*.md</c>: their titles, and their <c>## Hints</c> section, whose numbered
/// list is the hint tiers (item 1 is tier 1). The docs page is the only source of hints.
/// </summary>
public static partial class LessonDocs
{
    /// <summary>The page of a lesson, or null.</summary>
    public static string? Find(string docsFolder, string lesson) =>
        Directory.Exists(docsFolder) ? Directory.GetFiles(docsFolder, $"{lesson}-*.md").Order(StringComparer.Ordinal).FirstOrDefault() : null;

    /// <summary>The lesson numbers that have a page, in order.</summary>
    public static IReadOnlyList<string> Lessons(string docsFolder) => Directory.Exists(docsFolder)
        ? [.. Directory.GetFiles(docsFolder, "*.md").Select(Path.GetFileName).Select(name => LessonNumber().Match(name!)).Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal)]
        : [];

    /// <summary>"Sliding-window rate limiter" from "# Lesson 06 — Sliding-window rate limiter".</summary>
    public static string? Title(string docsFolder, string lesson)
    {
        var page = Find(docsFolder, lesson);
        var heading = page is null ? null : File.ReadLines(page).FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal));
        if (heading is null)
        {
            return null;
        }

        var dash = heading.IndexOf('—', StringComparison.Ordinal);
        return (dash >= 0 ? heading[(dash + 1)..] : heading[2..]).Trim();
    }

    /// <summary>The hint tiers, in order: each numbered item of the <c>## Hints</c> section, its continuation lines joined.</summary>
    public static IReadOnlyList<string> Hints(string page)
    {
        var tiers = new List<string>();
        var inHints = false;
        foreach (var line in File.ReadLines(page))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                inHints = line.Trim().Equals("## Hints", StringComparison.OrdinalIgnoreCase);
                continue;
            }

            if (!inHints || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var item = NumberedItem().Match(line);
            if (item.Success)
            {
                tiers.Add(item.Groups[1].Value.Trim());
            }
            else if (tiers.Count > 0 && char.IsWhiteSpace(line[0]))
            {
                tiers[^1] += " " + line.Trim();
            }
        }

        return tiers;
    }

    [GeneratedRegex(@"^(\d{2})-.*\.md$")]
    private static partial Regex LessonNumber();

    [GeneratedRegex(@"^\d+\.\s+(.*)$")]
    private static partial Regex NumberedItem();
}
