using System.Globalization;
using System.Text;

namespace Workbook.Cli.Similarity;

/// <summary>The similarity section of the class summary: a table of pairs to look at, worded as a signal, not a finding.</summary>
public static class SimilarityMarkdown
{
    public static string Write(SimilarityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        Line(text, "## Similar code — look at it");
        Line(text);
        Line(text, $"Lesson files whose normalised tokens (identifiers, literals, comments and layout ignored; the stub's own code left out) " +
            $"share at least {Percent(report.Threshold)} of their {report.GramLength}-token runs with another's. " +
            "Similar is not copied: a short lesson has few good answers, and students may have worked together as allowed. " +
            "Open both files and look before drawing any conclusion (docs/classroom.md).");
        Line(text);
        if (report.Pairs.Count == 0)
        {
            Line(text, "No lesson is that similar to Solutions/ or to another student's.");
        }
        else
        {
            Line(text, "| lesson | students | similarity | against |");
            Line(text, "|---|---|---|---|");
            foreach (var pair in report.Pairs)
            {
                var students = pair.IsAgainstSolutions ? pair.Student : $"{pair.Student}, {pair.Against}";
                var against = pair.IsAgainstSolutions ? "Solutions/" : "each other";
                Line(text, $"| {pair.Lesson} | {Cell(students)} | {Percent(pair.Similarity)} | {against} |");
            }
        }

        if (report.Unread.Count > 0)
        {
            Line(text);
            Line(text, "Not compared (could not be read):");
            Line(text);
            foreach (var file in report.Unread)
            {
                Line(text, $"- {Cell(file)}");
            }
        }

        return text.ToString();
    }

    private static string Percent(double value) => (value * 100).ToString("0", CultureInfo.InvariantCulture) + " %";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');
}
