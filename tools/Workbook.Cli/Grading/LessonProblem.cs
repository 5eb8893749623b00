namespace Workbook.Cli.Grading;

/// <summary>Why a lesson of a pristine grade scored less than its code might have: it did not compile, or it was stopped.</summary>
/// <param name="Lesson">The lesson, e.g. <c>04</c>; null for a student file outside the lesson folders.</param>
/// <param name="Status"><see cref="CompileError"/>, <see cref="Stopped"/>, or why a class run could not grade the student at all (missing, no-exercises, failed).</param>
/// <param name="File">The file the first compiler error names, relative to the checkout; null when stopped.</param>
/// <param name="Detail">The first compiler error, or why the run was stopped.</param>
public sealed record LessonProblem(string? Lesson, string Status, string? File, string Detail)
{
    /// <summary>The student's sources of the lesson did not compile: the lesson was graded on the stubs (0).</summary>
    public const string CompileError = "compile-error";

    /// <summary>A test of the lesson ran past its bound: its tests that had not ended count as not passed.</summary>
    public const string Stopped = "stopped";
}
