namespace Workbook.Cli.Localization;

/// <summary>
/// The Vietnamese edition of a checkout's docs against the English pages: every <c>docs/lessons/*.md</c> has its
/// <c>docs/vi/lessons/</c> page, in step (<see cref="TranslationDrift.Compare"/>); <c>docs/instructors.md</c> and
/// <c>docs/capstone.md</c> are in step when translated; <c>docs/vi/README.md</c>'s keys are headings of the README.
/// </summary>
public static class TranslatedDocs
{
    public static IReadOnlyList<string> Drift(string root)
    {
        var problems = new List<string>();
        var lessons = Path.Combine(root, "docs", "lessons");
        foreach (var english in Directory.EnumerateFiles(lessons, "*.md").Order(StringComparer.Ordinal))
        {
            var page = "docs/lessons/" + Path.GetFileName(english);
            var vietnamese = Path.Combine(root, "docs", "vi", "lessons", Path.GetFileName(english));
            if (!File.Exists(vietnamese))
            {
                problems.Add($"{page}: no Vietnamese page docs/vi/lessons/{Path.GetFileName(english)}.");
                continue;
            }

            problems.AddRange(TranslationDrift.Compare(page, File.ReadAllLines(english), File.ReadAllLines(vietnamese)));
        }

        foreach (var guide in new[] { "instructors.md", "capstone.md" })
        {
            var english = Path.Combine(root, "docs", guide);
            var vietnamese = Path.Combine(root, "docs", "vi", guide);
            if (File.Exists(english) && File.Exists(vietnamese))
            {
                problems.AddRange(TranslationDrift.Compare("docs/" + guide, File.ReadAllLines(english), File.ReadAllLines(vietnamese)));
            }
        }

        var readme = Path.Combine(root, "docs", "vi", "README.md");
        if (File.Exists(readme))
        {
            problems.AddRange(TranslationDrift.CompareKeys("docs/vi/README.md", File.ReadAllLines(Path.Combine(root, "README.md")), File.ReadAllLines(readme)));
        }

        return problems;
    }
}
