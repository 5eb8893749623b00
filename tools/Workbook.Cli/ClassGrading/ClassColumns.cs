using Workbook.Cli.Catalog;
using Workbook.Cli.Grading;
using Workbook.Cli.Pristine;

namespace Workbook.Cli.ClassGrading;

/// <summary>The columns every student's row has: the seed's six rubric cells, then the lessons that have tests.</summary>
public sealed record ClassColumns(IReadOnlyList<(string Level, string Skill)> Cells, IReadOnlyList<string> Lessons)
{
    public static ClassColumns Of(IReadOnlyList<StudentResult> results, ReferenceWorkbook reference)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(reference);
        var cells = SeedRubric.Levels.SelectMany(l => SeedRubric.Skills.Select(s => (l, s))).ToList();
        var lessons = results.SelectMany(r => r.Report.Tests.Select(t => t.Test.Lesson)).Distinct().Order(StringComparer.Ordinal).ToList();
        if (lessons.Count == 0)
        {
            // Nobody was graded: the lesson folders of our tests still name the columns.
            lessons = [.. reference.Inputs.Keys.Where(f => f.StartsWith("Exercises.Tests/", StringComparison.Ordinal))
                .Select(LessonFolder.Of).OfType<string>().Distinct().Order(StringComparer.Ordinal)];
        }

        return new ClassColumns(cells, lessons);
    }

    /// <summary>A lesson's score in one report.</summary>
    public static Score Lesson(GradeReport report, string lesson)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Score.Of(report.Tests.Where(t => t.Test.Lesson == lesson));
    }
}
