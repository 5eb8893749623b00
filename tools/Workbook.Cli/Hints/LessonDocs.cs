using System.Globalization;
using System.Text.RegularExpressions;
using Workbook.Cli.Localization;

namespace Workbook.Cli.Hints;

/// <summary>
/// The lesson pages <c>docs/lessons/NN-*.md</c> (lessons 01–12 and the bonus pages B1–B3): their titles, and their
/// <c>## Hints</c> section, whose numbered list is the hint tiers (item 1 is tier 1). The docs page is the only source
/// of hints. Every member takes a lesson as a user types it: "6", "06", "b1" and "B1" all work.
/// </summary>
public static partial class LessonDocs
{
    /// <summary>The page of a lesson, or null.</summary>
    public static string? Find(string docsFolder, string lesson)
    {
        var number = Normalize(lesson);
        return Pages(docsFolder).Where(page => page.Number == number).Select(page => page.Path).Order(StringComparer.Ordinal).FirstOrDefault();
    }

    /// <summary>The lesson numbers that have a page, in order: 01 … 12, then B1, B2, B3.</summary>
    public static IReadOnlyList<string> Lessons(string docsFolder) =>
        [.. Pages(docsFolder).Select(page => page.Number).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>
    /// The lesson number as the pages spell it: "6" and "06" are "06", "b1" is "B1". Anything else comes back trimmed
    /// and upper-cased, so a lookup of it simply finds no page.
    /// </summary>
    public static string Normalize(string lesson)
    {
        ArgumentNullException.ThrowIfNull(lesson);
        var text = lesson.Trim();
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number < 100
            ? number.ToString("00", CultureInfo.InvariantCulture)
            : text.ToUpperInvariant();
    }

    /// <summary>"Sliding-window rate limiter" from "# Lesson 06 — Sliding-window rate limiter".</summary>
    public static string? Title(string docsFolder, string lesson) => Find(docsFolder, lesson) is { } page ? TitleOf(page) : null;

    /// <summary>
    /// The title of a page after its dash: "Sliding-window rate limiter" from "# Lesson 06 — Sliding-window rate limiter",
    /// and from a Vietnamese "# Bài 06 — Bộ giới hạn tốc độ cửa sổ trượt &lt;!-- en: … --&gt;" the Vietnamese words only.
    /// </summary>
    public static string? TitleOf(string page)
    {
        var heading = File.ReadLines(page).Select(MarkdownHeading.Parse).FirstOrDefault(h => h?.Level == 1);
        if (heading is null)
        {
            return null;
        }

        var dash = heading.Text.IndexOf('—', StringComparison.Ordinal);
        return (dash >= 0 ? heading.Text[(dash + 1)..] : heading.Text).Trim();
    }

    /// <summary>
    /// The hint tiers, in order: each numbered item of the <c>## Hints</c> section (on a Vietnamese page, the
    /// <c>##</c> heading whose <c>&lt;!-- en: Hints --&gt;</c> key says Hints), its continuation lines joined.
    /// </summary>
    public static IReadOnlyList<string> Hints(string page) => HintsIn(File.ReadLines(page));

    /// <summary>The hint tiers of a page's lines; see <see cref="Hints(string)"/>.</summary>
    public static IReadOnlyList<string> HintsIn(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var tiers = new List<string>();
        var inHints = false;
        foreach (var line in lines)
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                inHints = MarkdownHeading.Parse(line)?.English.Equals("Hints", StringComparison.OrdinalIgnoreCase) == true;
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

    private static IEnumerable<(string Number, string Path)> Pages(string docsFolder) => Directory.Exists(docsFolder)
        ? Directory.EnumerateFiles(docsFolder, "*.md")
            .Select(path => (Match: LessonNumber().Match(System.IO.Path.GetFileName(path)), Path: path))
            .Where(page => page.Match.Success)
            .Select(page => (page.Match.Groups[1].Value.ToUpperInvariant(), page.Path))
        : [];

    // Two digits (01–12) or a bonus page (B1–B3).
    [GeneratedRegex(@"^(\d{2}|B\d)-.*\.md$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LessonNumber();

    [GeneratedRegex(@"^\d+\.\s+(.*)$")]
    private static partial Regex NumberedItem();
}
