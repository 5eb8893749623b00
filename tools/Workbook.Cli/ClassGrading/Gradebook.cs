using System.Globalization;
using System.Text;
using Workbook.Cli.Grading;

namespace Workbook.Cli.ClassGrading;

/// <summary>
/// <c>gradebook.csv</c>: one row per student — name, the credit % of each rubric cell and of each lesson, the
/// total, the status and notes. A cell or lesson without tests is empty; a student not graded has 0 everywhere.
/// </summary>
public static class Gradebook
{
    public static string Write(IReadOnlyList<StudentResult> results, ClassColumns columns)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(columns);
        var text = new StringBuilder();
        Row(text, ["name", .. columns.Cells.Select(c => $"{c.Level} {c.Skill}"), .. columns.Lessons.Select(l => "lesson " + l), "total", "status", "notes"]);
        foreach (var result in results)
        {
            var report = result.Report;
            Row(text, [
                result.Student.Name,
                .. columns.Cells.Select(c => Percent(result, report.Cells.FirstOrDefault(x => x.Level == c.Level && x.Skill == c.Skill)?.Score)),
                .. columns.Lessons.Select(l => Percent(result, ClassColumns.Lesson(report, l))),
                report.TotalPercent.ToString("0.0", CultureInfo.InvariantCulture),
                result.Status,
                result.Notes,
            ]);
        }

        return text.ToString();
    }

    private static string Percent(StudentResult result, Score? score) =>
        !result.WasGraded ? "0"
        : score?.Credit is { } credit ? (credit * 100).ToString("0.0", CultureInfo.InvariantCulture)
        : string.Empty;

    // RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.
    private static void Row(StringBuilder text, IEnumerable<string> fields)
    {
        text.AppendJoin(',', fields.Select(f => f.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : f));
        text.Append('\n');
    }
}
