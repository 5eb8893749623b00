using Workbook.Cli.Grading;
using Workbook.Cli.Pristine;

namespace Workbook.Cli.ClassGrading;

/// <summary>
/// One student's row of a class run. <see cref="Report"/> is always there (a student who could not be graded gets
/// one that scores 0); <see cref="LessonSources"/> are the files of the student's checkout that were graded, by
/// lesson, for whatever compares students' code (empty when nothing was graded).
/// </summary>
/// <param name="Student">Who.</param>
/// <param name="Status">One of the constants below.</param>
/// <param name="Notes">What went wrong, in one line; empty when nothing did.</param>
/// <param name="Report">The grade report.</param>
/// <param name="LessonSources">Lesson → absolute paths of the student's source files.</param>
public sealed record StudentResult(Student Student, string Status, string Notes, GradeReport Report, IReadOnlyDictionary<string, IReadOnlyList<string>> LessonSources)
{
    /// <summary>Every lesson built and ran.</summary>
    public const string Graded = "graded";

    /// <summary>Graded, but some lessons scored 0 because they did not compile or were stopped at their bound.</summary>
    public const string GradedWithProblems = "graded-with-problems";

    /// <summary>The grader itself failed on this checkout (the message says why).</summary>
    public const string Failed = "failed";

    /// <summary>True when the student's tests ran (whatever they scored).</summary>
    public bool WasGraded => Status is Graded or GradedWithProblems;

    public static StudentResult Of(Student student, PristineGrade grade)
    {
        ArgumentNullException.ThrowIfNull(student);
        ArgumentNullException.ThrowIfNull(grade);
        var problems = grade.Report.Grading.Problems;
        var notes = string.Join("; ", problems.Select(p => p.Status == LessonProblem.CompileError
            ? $"{(p.Lesson is null ? p.File : "lesson " + p.Lesson)} did not compile"
            : $"lesson {p.Lesson} stopped"));
        return new StudentResult(student, problems.Count == 0 ? Graded : GradedWithProblems, notes, grade.Report, grade.Sources.AbsolutePaths());
    }
}
