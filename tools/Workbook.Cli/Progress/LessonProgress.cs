using Workbook.Cli.Grading;
using Workbook.Cli.Localization;

namespace Workbook.Cli.Progress;

/// <summary>One row of <c>workbook progress</c>.</summary>
public sealed record LessonProgress(string Lesson, string Title, string Level, string Skill, Score Score, IReadOnlyList<GradedTest> Tests)
{
    public LessonStatus Status => Score.Passed == 0 ? LessonStatus.NotStarted
        : Score.Passed == Score.Total ? LessonStatus.Done
        : LessonStatus.InProgress;

    public string Describe() => Status switch
    {
        LessonStatus.Done => ProgressText.StatusDone,
        LessonStatus.InProgress => ProgressText.StatusInProgress(Score.Passed, Score.Total),
        _ => ProgressText.StatusNotStarted,
    };

    /// <summary>The first test, in source order (the seed example comes first), that does not pass yet, to name in "next".</summary>
    public GradedTest? FirstFailing => Tests
        .Where(t => !t.Passed && t.Results.Any(r => r.Outcome != Results.TestOutcome.Skipped))
        .OrderBy(t => t.Test.ClassName, StringComparer.Ordinal)
        .ThenBy(t => t.Test.DeclarationOrder)
        .FirstOrDefault();

    public static IReadOnlyList<LessonProgress> Of(IReadOnlyList<GradedTest> tests, Func<string, string?> title) =>
        [.. tests.GroupBy(t => t.Test.Lesson)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var first = g.First().Test;
                var name = title(g.Key) ?? first.ClassName[(first.ClassName.LastIndexOf('.') + 1)..];
                return new LessonProgress(g.Key, name, first.Level, first.Skill, Score.Of(g), [.. g]);
            })];
}
