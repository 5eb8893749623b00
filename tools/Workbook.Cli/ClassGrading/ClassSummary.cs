using System.Globalization;
using System.Text;
using Workbook.Cli.Grading;
using Workbook.Cli.Localization;
using Workbook.Cli.Results;

namespace Workbook.Cli.ClassGrading;

/// <summary>
/// <c>summary.md</c>: the students and their totals, the mean credit per lesson, and the pass rate of every test
/// across the class, least passed first — what the class did not get. Rates and means are over the graded students;
/// tests that were skipped for everyone count for neither side.
/// </summary>
public static class ClassSummary
{
    public static string Write(IReadOnlyList<StudentResult> results, ClassColumns columns)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(columns);
        var graded = results.Where(r => r.WasGraded).ToList();
        var text = new StringBuilder();
        Line(text, GradeText.SummaryTitle);
        Line(text);
        Line(text, GradeText.SummaryCounts(results.Count, graded.Count, results.Count - graded.Count, Mean(results.Select(r => r.Report.TotalPercent))));
        Line(text);
        Line(text, GradeText.SummaryStudentsHeader);
        Line(text, "|---|---|---|---|");
        foreach (var result in results.OrderByDescending(r => r.Report.TotalPercent).ThenBy(r => r.Student.Name, StringComparer.Ordinal))
        {
            Line(text, $"| {Cell(result.Student.Name)} | {result.Report.TotalPercent.ToString("0.0", CultureInfo.InvariantCulture)} | {result.Status} | {Cell(result.Notes)} |");
        }

        Line(text);
        Line(text, GradeText.SummaryLessonsHeading(graded.Count));
        Line(text);
        Line(text, GradeText.SummaryLessonsHeader);
        Line(text, "|---|---|---|---|---|");
        foreach (var lesson in columns.Lessons)
        {
            var scores = graded.Select(r => ClassColumns.Lesson(r.Report, lesson)).Where(s => s.Credit is not null).ToList();
            var mean = scores.Count == 0 ? GradeText.NoTests : Mean(scores.Select(s => s.Credit!.Value * 100)) + " %";
            var full = scores.Count(s => s.Status == "full");
            var compile = graded.Count(r => r.Report.Grading.Problems.Any(p => p.Lesson == lesson && p.Status == LessonProblem.CompileError));
            var stopped = graded.Count(r => r.Report.Grading.Problems.Any(p => p.Lesson == lesson && p.Status == LessonProblem.Stopped));
            Line(text, $"| {lesson} | {mean} | {full} | {compile} | {stopped} |");
        }

        Line(text);
        Line(text, GradeText.SummaryTestsHeading);
        Line(text);
        Line(text, GradeText.SummaryTestsHeader);
        Line(text, "|---|---|---|---|");
        var tests = graded.SelectMany(r => r.Report.Tests)
            .Where(t => t.Results.Any(x => x.Outcome != TestOutcome.Skipped))
            .GroupBy(t => t.Test.FullName, StringComparer.Ordinal)
            .Select(g => (Test: g.First().Test, Passed: g.Count(t => t.Passed), Counted: g.Count()))
            .OrderBy(t => (double)t.Passed / t.Counted)
            .ThenBy(t => t.Test.Lesson, StringComparer.Ordinal)
            .ThenBy(t => t.Test.FullName, StringComparer.Ordinal);
        foreach (var (test, passed, counted) in tests)
        {
            Line(text, $"| {GradeText.ScoreOf(passed, counted, 100.0 * passed / counted)} | `{test.ClassName.Split('.')[^1]}.{test.MethodName}` | {test.Lesson} | {test.Level} {test.Skill} |");
        }

        return text.ToString();
    }

    private static string Mean(IEnumerable<double> values)
    {
        var list = values.ToList();
        return (list.Count == 0 ? 0 : Math.Round(list.Average(), 1)).ToString("0.0", CultureInfo.InvariantCulture);
    }

    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal);

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');
}
