using System.Globalization;
using System.Text;
using Workbook.Cli.Localization;
using Workbook.Cli.Localization.Teaching;

namespace Workbook.Cli.Grading;

/// <summary>The grade report as Markdown: the matrix, then each cell's rubric items, then the failing tests grouped by lesson.</summary>
public static class MarkdownReport
{
    public static string Write(GradeReport report)
    {
        var text = new StringBuilder();
        Line(text, GradeText.ReportTitle(report.Target));
        Line(text);
        Line(text, GradeText.ReportTotal(
            report.TotalPercent.ToString("0.0", CultureInfo.InvariantCulture),
            report.Overall.Passed,
            report.Overall.Total,
            report.Overall.Skipped > 0 ? GradeText.ReportSkipped(report.Overall.Skipped) : string.Empty));
        Line(text);
        Grading(text, report.Grading);
        Line(text, $"| {GradeText.ColumnLevel} | " + string.Join(" | ", Catalog.SeedRubric.Skills) + " |");
        Line(text, "|---|" + string.Concat(Catalog.SeedRubric.Skills.Select(_ => "---|")));
        foreach (var level in Catalog.SeedRubric.Levels)
        {
            var row = report.Cells.Where(c => c.Level == level).Select(c => ScoreLabel.Of(c.Score));
            Line(text, $"| {level} | {string.Join(" | ", row)} |");
        }

        foreach (var cell in report.Cells)
        {
            Line(text);
            var lessons = cell.Lessons.Count switch
            {
                0 => string.Empty,
                1 => GradeText.CellOneLesson(cell.Lessons[0]),
                _ => GradeText.CellLessons(string.Join(", ", cell.Lessons)),
            };
            Line(text, $"## {cell.Level} · {cell.Skill} — {ScoreLabel.Of(cell.Score)}{lessons}");
            Line(text);
            Line(text, GradeText.ItemsHeader);
            Line(text, "|---|---|---|");
            foreach (var item in cell.Items)
            {
                var credit = item.Score.Credit is { } c ? $"{c * 100:0} %" : "—";
                var passed = item.Score.Total == 0 ? ScoreLabel.Of(item.Score) : GradeText.PassedOf(item.Score.Passed, item.Score.Total);
                Line(text, $"| {item.Name} | {passed} | {credit} |");
            }
        }

        var failing = report.Tests.Where(t => !t.Passed && t.Results.Any(r => r.Outcome != Results.TestOutcome.Skipped)).ToList();
        if (failing.Count > 0)
        {
            Line(text);
            Line(text, GradeText.NotPassingHeading);
            Line(text);
            Line(text, GradeText.NotPassingHeader);
            Line(text, "|---|---|");
            var byLesson = failing.GroupBy(t => t.Test.Lesson).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            foreach (var lesson in byLesson)
            {
                Line(text, $"| {lesson.Key} | {GradeText.PassedOf(lesson.Count(), Counted(report, lesson.Key))} |");
            }

            foreach (var lesson in byLesson)
            {
                Line(text);
                Line(text, GradeText.LessonNotPassing(lesson.Key, lesson.Count(), Counted(report, lesson.Key)));
                Line(text);
                foreach (var test in lesson)
                {
                    var why = test.Results.Select(r => r.Message).FirstOrDefault(m => m is not null);
                    Line(text, $"- `{test.Test.MethodName}`{(why is null ? string.Empty : " — " + why.Replace("|", "\\|", StringComparison.Ordinal))}");
                    foreach (var vietnamese in VietnameseTeaching.Lines(test))
                    {
                        // "<name>" would read as an HTML tag in rendered Markdown.
                        Line(text, "  - " + vietnamese.Replace("<", "\\<", StringComparison.Ordinal));
                    }
                }
            }
        }

        return text.ToString();
    }

    // Pristine grading: what was graded where, the lessons that scored 0 for a reason, what was ignored.
    private static void Grading(StringBuilder text, GradingNotes notes)
    {
        if (notes.Mode != GradingNotes.PristineMode)
        {
            return;
        }

        Line(text, GradeText.GradedPristine(notes.Reference) + (notes.Sandbox is null ? string.Empty : GradeText.Sandbox(notes.Sandbox)));
        Line(text);
        var compile = notes.Problems.Where(p => p.Status == LessonProblem.CompileError).ToList();
        if (compile.Count > 0)
        {
            Line(text, GradeText.DidNotCompile);
            Line(text);
            Line(text, GradeText.CompileHeader);
            Line(text, "|---|---|---|");
            foreach (var problem in compile)
            {
                Line(text, $"| {problem.Lesson ?? "—"} | {Cell(problem.File ?? "—")} | {Cell(problem.Detail)} |");
            }

            Line(text);
        }

        foreach (var problem in notes.Problems.Where(p => p.Status is not (LessonProblem.Stopped or LessonProblem.CompileError)))
        {
            Line(text, GradeText.NotGraded(problem.Status, problem.Detail));
            Line(text);
        }

        foreach (var problem in notes.Problems.Where(p => p.Status == LessonProblem.Stopped))
        {
            Line(text, GradeText.Stopped(problem.Lesson, problem.Detail));
            Line(text);
        }

        if (notes.Ignored.Count > 0)
        {
            Line(text, GradeText.Ignored(notes.Ignored.Count));
            Line(text);
            foreach (var change in notes.Ignored)
            {
                Line(text, $"- {change.Describe()}");
            }

            Line(text);
        }
    }

    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    // The lesson's tests that count for the grade: those with at least one result that was not skipped.
    private static int Counted(GradeReport report, string lesson) =>
        report.Tests.Count(t => t.Test.Lesson == lesson && t.Results.Any(r => r.Outcome != Results.TestOutcome.Skipped));

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');
}
