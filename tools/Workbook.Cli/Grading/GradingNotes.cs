namespace Workbook.Cli.Grading;

/// <summary>How a grade was made: in the student's own checkout, or pristine (their lesson sources in our workbook).</summary>
/// <param name="Mode"><see cref="PristineMode"/> or <see cref="InPlaceMode"/>.</param>
/// <param name="Reference">Pristine: the workbook whose tests, projects and Contracts graded the sources.</param>
/// <param name="Sandbox">Pristine: one sentence saying what the test host's sandbox was.</param>
/// <param name="Ignored">Pristine: every difference outside <c>Exercises/**/*.cs</c>, which was not used.</param>
/// <param name="Problems">Pristine: lessons that did not compile or were stopped.</param>
public sealed record GradingNotes(string Mode, string? Reference, string? Sandbox, IReadOnlyList<IgnoredChange> Ignored, IReadOnlyList<LessonProblem> Problems)
{
    public const string PristineMode = "pristine";

    public const string InPlaceMode = "in-place";

    public static GradingNotes InPlace { get; } = new(InPlaceMode, null, null, [], []);
}
