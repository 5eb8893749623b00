using System.Globalization;
using Workbook.Cli.Engine;
using Workbook.Cli.Localization;
using Workbook.Cli.Localization.Teaching;

namespace Workbook.Cli.Watch;

/// <summary>
/// The watch session as lines, for a redirected output, a script or a test: each verdict is one line that
/// starts with <c>verdict</c> and carries the counts and timings, then the first failure, indented.
/// </summary>
public sealed class PlainWatchView(TextWriter output) : IWatchView
{
    public void Started(string redisDescription, string exercisesFolder) =>
        Write(WatchText.PlainStarted(redisDescription, exercisesFolder));

    public void Working(string lesson, string what) => Write(WatchText.Working(lesson, what));

    public void Slow(SlowTest test) => Write("  " + test.Describe());

    public void Verdict(LessonVerdict verdict, WorkbookStanding standing)
    {
        var p = verdict.Progress;
        var sinceSave = verdict.SinceSave is { } s ? Seconds(s) : "none";
        Write($"verdict lesson={p.Lesson} passed={p.Score.Passed} total={p.Score.Total} skipped={p.Score.Skipped} build={Seconds(verdict.Build)} tests={Seconds(verdict.Tests)} save-to-verdict={sinceSave} workbook={standing.Done}/{standing.Lessons.Count}");
        if (verdict.Stuck is { } stuck)
        {
            Write(WatchText.PlainStopped(stuck));
        }

        if (verdict.SkippedHere)
        {
            Write(WatchText.PlainSkippedHere(p.Lesson, verdict.SkipReason));
        }

        if (p.FirstFailing is { } failing)
        {
            Write(WatchText.PlainFirstFailing(failing.Test.MethodName));
            Indented(verdict.FirstFailure);
            Indented(verdict.FirstFailureInVietnamese);
        }
    }

    public void BuildFailed(string lesson, BuildOutcome build, WorkbookStanding standing)
    {
        Write($"build failed lesson={lesson} build={Seconds(build.Elapsed)}");
        Indented(build.Describe(max: 8));
    }

    public void LessonDone(LessonVerdict verdict, string? next) => Write(next is null
        ? WatchText.PlainLessonDone(verdict.Progress.Lesson, verdict.Progress.Score.Total)
        : WatchText.PlainLessonDoneNext(verdict.Progress.Lesson, verdict.Progress.Score.Total, next));

    public void Hint(string lesson, int tier, int tiers, string text) => Write(WatchText.PlainHint(lesson, tier, tiers, text));

    public void Failures(LessonVerdict verdict)
    {
        foreach (var test in verdict.Progress.Tests.Where(t => !t.Passed))
        {
            Write(WatchText.PlainFailing(test.Test.MethodName, test.Results.FirstOrDefault()?.Message));
            Indented(VietnameseTeaching.Lines(test));
        }
    }

    public void Lessons(WorkbookStanding standing)
    {
        foreach (var lesson in standing.Lessons)
        {
            Write($"  {lesson} {standing.Title(lesson)}: {standing.Seen(lesson)?.Describe() ?? WatchText.NotRunInSession}");
        }
    }

    public void Message(string text) => Write(text);

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + "s";

    private void Indented(string? text)
    {
        foreach (var line in (text ?? string.Empty).Split('\n').Where(l => l.Trim().Length > 0).Take(12))
        {
            Write("    " + line.TrimEnd('\r'));
        }
    }

    // Whole, after the English text's first lines: the Vietnamese is what a student who reads it needs.
    private void Indented(IReadOnlyList<string> lines)
    {
        foreach (var line in lines)
        {
            Write("    " + line);
        }
    }

    private void Write(string line)
    {
        lock (output)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }
}
