using System.Globalization;
using Workbook.Cli.Hints;

namespace Workbook.Cli.Localization;

/// <summary>
/// How a Vietnamese page has drifted from the English page it translates: its headings' <c>&lt;!-- en: … --&gt;</c>
/// keys must be the English headings, same levels, same order, and its hints the same number of tiers. Each problem is
/// one sentence naming the page and the heading or tier.
/// </summary>
public static class TranslationDrift
{
    /// <summary>A translated page: every English heading in order, and as many hint tiers.</summary>
    public static IReadOnlyList<string> Compare(string page, IReadOnlyList<string> english, IReadOnlyList<string> vietnamese)
    {
        ArgumentNullException.ThrowIfNull(english);
        ArgumentNullException.ThrowIfNull(vietnamese);
        var problems = Unkeyed(page, vietnamese);
        var expected = MarkdownHeading.All(english).Select(Label).ToList();
        var actual = MarkdownHeading.All(vietnamese).Where(h => h.EnglishKey is not null).Select(Label).ToList();
        problems.AddRange(Missing(expected, actual).Select(h => $"{page}: the English heading '{h}' has no Vietnamese heading (no <!-- en: {Key(h)} --> key)."));
        problems.AddRange(Missing(actual, expected).Select(h => $"{page}: the Vietnamese page has the heading '{h}', which the English page does not have."));
        if (problems.Count == 0 && FirstDifference(expected, actual) is { } at)
        {
            problems.Add($"{page}: heading {at + 1} is '{expected[at]}' in English but '{actual[at]}' in Vietnamese: the headings are not in the same order.");
        }

        var englishTiers = LessonDocs.HintsIn(english).Count;
        var vietnameseTiers = LessonDocs.HintsIn(vietnamese).Count;
        if (englishTiers != vietnameseTiers)
        {
            var tier = Math.Min(englishTiers, vietnameseTiers) + 1;
            var lacking = englishTiers > vietnameseTiers ? "Vietnamese" : "English";
            problems.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{page}: the English hints have {englishTiers} tier(s), the Vietnamese {vietnameseTiers}: hint tier {tier} is missing from the {lacking} page."));
        }

        return problems;
    }

    /// <summary>A page that translates part of another (docs/vi/README.md): every key is one of the English headings.</summary>
    public static IReadOnlyList<string> CompareKeys(string page, IReadOnlyList<string> english, IReadOnlyList<string> vietnamese)
    {
        ArgumentNullException.ThrowIfNull(english);
        ArgumentNullException.ThrowIfNull(vietnamese);
        var problems = Unkeyed(page, vietnamese);
        var headings = MarkdownHeading.All(english).Select(h => h.Text).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(MarkdownHeading.All(vietnamese)
            .Where(h => h.EnglishKey is not null && !headings.Contains(h.EnglishKey))
            .Select(h => $"{page}: the key <!-- en: {h.EnglishKey} --> names no heading of the English page."));
        return problems;
    }

    private static List<string> Unkeyed(string page, IReadOnlyList<string> vietnamese) =>
        [.. MarkdownHeading.All(vietnamese).Where(h => h.EnglishKey is null)
            .Select(h => $"{page}: the heading '{new string('#', h.Level)} {h.Text}' has no <!-- en: … --> key naming the English heading it translates.")];

    private static string Label(MarkdownHeading heading) => $"{new string('#', heading.Level)} {heading.English}";

    private static string Key(string label) => label.TrimStart('#').Trim();

    // Each heading of `from` not matched one for one in `to` (a heading can repeat, e.g. two "### Example").
    private static IEnumerable<string> Missing(List<string> from, List<string> to)
    {
        var left = to.GroupBy(h => h, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var heading in from)
        {
            if (left.GetValueOrDefault(heading) > 0)
            {
                left[heading]--;
            }
            else
            {
                yield return heading;
            }
        }
    }

    private static int? FirstDifference(List<string> expected, List<string> actual)
    {
        for (var i = 0; i < Math.Min(expected.Count, actual.Count); i++)
        {
            if (!string.Equals(expected[i], actual[i], StringComparison.Ordinal))
            {
                return i;
            }
        }

        return null;
    }
}
