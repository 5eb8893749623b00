using System.Resources;

namespace Workbook.Cli.Localization;

/// <summary>The labels of the grade report in Markdown, of the class summary and of <c>workbook grade</c>'s console lines; the JSON and JUnit reports use none of them (<c>GradeText.resx</c>, Vietnamese in <c>GradeText.vi.resx</c>).</summary>
public static class GradeText
{
    private static readonly ResourceManager Resources = new("Workbook.Cli.Localization.GradeText", typeof(GradeText).Assembly);

    public static string ReportTitle(object? target) => Resx.Format(Resources, nameof(ReportTitle), target);

    public static string ReportTotal(object? total, object? passed, object? tests, object? skipped) => Resx.Format(Resources, nameof(ReportTotal), total, passed, tests, skipped);

    public static string ReportSkipped(object? skipped) => Resx.Format(Resources, nameof(ReportSkipped), skipped);

    public static string ColumnLevel => Resx.Get(Resources, nameof(ColumnLevel));

    public static string CellOneLesson(object? lesson) => Resx.Format(Resources, nameof(CellOneLesson), lesson);

    public static string CellLessons(object? lessons) => Resx.Format(Resources, nameof(CellLessons), lessons);

    public static string ItemsHeader => Resx.Get(Resources, nameof(ItemsHeader));

    public static string PassedOf(object? passed, object? total) => Resx.Format(Resources, nameof(PassedOf), passed, total);

    public static string ScoreOf(object? passed, object? total, object? percent) => Resx.Format(Resources, nameof(ScoreOf), passed, total, percent);

    public static string NoTests => Resx.Get(Resources, nameof(NoTests));

    public static string NoTestsSkipped(object? skipped) => Resx.Format(Resources, nameof(NoTestsSkipped), skipped);

    public static string NotPassingHeading => Resx.Get(Resources, nameof(NotPassingHeading));

    public static string NotPassingHeader => Resx.Get(Resources, nameof(NotPassingHeader));

    public static string LessonNotPassing(object? lesson, object? failing, object? counted) => Resx.Format(Resources, nameof(LessonNotPassing), lesson, failing, counted);

    public static string GradedPristine(object? reference) => Resx.Format(Resources, nameof(GradedPristine), reference);

    public static string Sandbox(object? sandbox) => Resx.Format(Resources, nameof(Sandbox), sandbox);

    public static string DidNotCompile => Resx.Get(Resources, nameof(DidNotCompile));

    public static string CompileHeader => Resx.Get(Resources, nameof(CompileHeader));

    public static string NotGraded(object? status, object? detail) => Resx.Format(Resources, nameof(NotGraded), status, detail);

    public static string Stopped(object? lesson, object? detail) => Resx.Format(Resources, nameof(Stopped), lesson, detail);

    public static string Ignored(object? count) => Resx.Format(Resources, nameof(Ignored), count);

    public static string CannotWrite(object? path, object? error) => Resx.Format(Resources, nameof(CannotWrite), path, error);

    public static string GradeWritten(object? total, object? path) => Resx.Format(Resources, nameof(GradeWritten), total, path);

    public static string ClassGraded(object? graded, object? students, object? gradebook, object? summary, object? reports, object? folder) => Resx.Format(Resources, nameof(ClassGraded), graded, students, gradebook, summary, reports, folder);

    public static string SummaryTitle => Resx.Get(Resources, nameof(SummaryTitle));

    public static string SummaryCounts(object? students, object? graded, object? notGraded, object? mean) => Resx.Format(Resources, nameof(SummaryCounts), students, graded, notGraded, mean);

    public static string SummaryStudentsHeader => Resx.Get(Resources, nameof(SummaryStudentsHeader));

    public static string SummaryLessonsHeading(object? graded) => Resx.Format(Resources, nameof(SummaryLessonsHeading), graded);

    public static string SummaryLessonsHeader => Resx.Get(Resources, nameof(SummaryLessonsHeader));

    public static string SummaryTestsHeading => Resx.Get(Resources, nameof(SummaryTestsHeading));

    public static string SummaryTestsHeader => Resx.Get(Resources, nameof(SummaryTestsHeader));
}
