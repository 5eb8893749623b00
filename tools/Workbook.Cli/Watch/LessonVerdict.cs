using Workbook.Cli.Localization.Teaching;
using Workbook.Cli.Progress;

namespace Workbook.Cli.Watch;

/// <summary>One lesson's result after a run in a watch session, with what it cost.</summary>
/// <param name="Progress">The lesson's tests and their results.</param>
/// <param name="Build">How long the build took.</param>
/// <param name="Tests">How long the test run took.</param>
/// <param name="SinceSave">From the save that caused the run to its verdict; null for a run that no save caused.</param>
/// <param name="Stuck">Why the run was stopped early, if it was.</param>
public sealed record LessonVerdict(LessonProgress Progress, TimeSpan Build, TimeSpan Tests, TimeSpan? SinceSave, string? Stuck)
{
    public bool Done => Progress.Status == LessonStatus.Done;

    /// <summary>Every test skipped itself here (B3 without a cluster): nothing to do on this machine, so move on.</summary>
    public bool SkippedHere => Progress.Score.Total == 0 && Progress.Score.Skipped > 0;

    /// <summary>Why the first skipped test skipped, for the screen.</summary>
    public string? SkipReason => Progress.Tests.SelectMany(t => t.Results).FirstOrDefault(r => r.Outcome == Results.TestOutcome.Skipped)?.Message;

    /// <summary>The first failing test's teaching message and own stack frames.</summary>
    public string? FirstFailure => Progress.FirstFailing?.Results.FirstOrDefault(r => r.Outcome != Results.TestOutcome.Passed) is { } result
        ? result.Details ?? result.Message
        : null;

    /// <summary>What a Vietnamese reader sees after <see cref="FirstFailure"/> (<see cref="VietnameseTeaching"/>); empty in English.</summary>
    public IReadOnlyList<string> FirstFailureInVietnamese => Progress.FirstFailing is { } failing ? VietnameseTeaching.Lines(failing) : [];
}
