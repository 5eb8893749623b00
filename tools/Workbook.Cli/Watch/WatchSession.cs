using System.Threading.Channels;
using Workbook.Cli.Catalog;
using Workbook.Cli.Engine;
using Workbook.Cli.Grading;
using Workbook.Cli.Hints;
using Workbook.Cli.Localization;
using Workbook.Cli.Progress;

namespace Workbook.Cli.Watch;

/// <summary>
/// The rustlings-style loop: run the current lesson, show its verdict, and on every save (or key) build and run
/// it again against the session's warm Redis. A save during a run cancels it: the newest code is what counts.
/// When the lesson goes green the session moves to the next one not done.
/// </summary>
public sealed class WatchSession(LessonEngine engine, IWatchView view, WorkbookStanding standing, bool stay = false)
{
    /// <summary>Stands for "no run in progress": a task that never completes.</summary>
    private static readonly Task<LessonVerdict?> Idle = new TaskCompletionSource<LessonVerdict?>().Task;

    private readonly Dictionary<string, int> _hintTiers = [];

    /// <summary>Runs until the student quits or <paramref name="cancellationToken"/> fires; returns the exit code.</summary>
    public async Task<int> RunAsync(string? startLesson, ChannelReader<WatchSignal> signals, CancellationToken cancellationToken)
    {
        var lesson = startLesson ?? await FirstUnfinishedAsync(cancellationToken);
        if (lesson is null)
        {
            view.Message(WatchText.EveryLessonDone);
            return ExitCodes.Ok;
        }

        LessonVerdict? last = null;
        DateTimeOffset? savedAt = null;
        var current = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = RunLessonAsync(lesson, savedAt, current.Token);
        var nextSignal = signals.ReadAsync(cancellationToken).AsTask();
        try
        {
            while (true)
            {
                var finished = await Task.WhenAny(run, nextSignal);
                if (finished == run)
                {
                    if (!run.IsCanceled)
                    {
                        // The student has seen a screen (a verdict or build errors): the next save starts a new wait.
                        savedAt = null;
                    }

                    var verdict = await ResultOf(run);
                    if (verdict is not null)
                    {
                        last = verdict;
                        if ((verdict.Done || verdict.SkippedHere) && !stay && standing.NextAfter(lesson, skip: lesson) is { } next)
                        {
                            if (verdict.Done)
                            {
                                view.LessonDone(verdict, next);
                            }
                            else
                            {
                                view.Message(WatchText.CannotBeGraded(lesson, verdict.SkipReason, next));
                            }

                            lesson = next;
                            Restart(ref current, ref run, lesson, null, cancellationToken);
                            continue;
                        }

                        if (verdict.Done && !stay)
                        {
                            view.LessonDone(verdict, null);
                        }
                    }

                    run = Idle;
                    continue;
                }

                var signal = await nextSignal;
                nextSignal = signals.ReadAsync(cancellationToken).AsTask();
                switch (signal)
                {
                    case FilesSaved saved:
                        savedAt ??= saved.At;
                        Restart(ref current, ref run, lesson, savedAt, cancellationToken);
                        break;
                    case KeyPressed { Key: WatchKey.Rerun }:
                        Restart(ref current, ref run, lesson, null, cancellationToken);
                        break;
                    case KeyPressed { Key: WatchKey.Hint }:
                        ShowNextHint(lesson);
                        break;
                    case KeyPressed { Key: WatchKey.AllFailures }:
                        if (last is not null)
                        {
                            view.Failures(last);
                        }

                        break;
                    case KeyPressed { Key: WatchKey.Lessons }:
                        view.Lessons(standing);
                        break;
                    case KeyPressed { Key: WatchKey.Quit }:
                        await current.CancelAsync();
                        return ExitCodes.Ok;
                }
            }
        }
        catch (ChannelClosedException)
        {
            return ExitCodes.Ok;
        }
        finally
        {
            await current.CancelAsync();
            current.Dispose();
        }
    }

    private static async Task<LessonVerdict?> ResultOf(Task<LessonVerdict?> run)
    {
        try
        {
            return await run;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private void Restart(ref CancellationTokenSource current, ref Task<LessonVerdict?> run, string lesson, DateTimeOffset? savedAt, CancellationToken cancellationToken)
    {
        current.Cancel();
        current.Dispose();
        current = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        run = RunLessonAsync(lesson, savedAt, current.Token);
    }

    private async Task<LessonVerdict?> RunLessonAsync(string lesson, DateTimeOffset? savedAt, CancellationToken cancellationToken)
    {
        await Task.Yield();
        view.Working(lesson, WatchText.WorkingLesson);
        var result = await engine.RunAsync([lesson], onEvent: null, onSlow: view.Slow, cancellationToken);
        if (result.Run is null || result.Catalog is null)
        {
            view.BuildFailed(lesson, result.Build, standing);
            return null;
        }

        var tests = new TestCatalog([.. result.Catalog.Tests.Where(t => t.Lesson == lesson)]);
        var progress = LessonProgress.Of(Grader.Join(tests, result.Run.Results), standing.Title).SingleOrDefault()
            ?? throw new InvalidOperationException($"Lesson {lesson} has no tests in this workbook.");
        standing.Record(progress);
        var verdict = new LessonVerdict(progress, result.Build.Elapsed, result.Run.Elapsed, savedAt is { } at ? DateTimeOffset.UtcNow - at : null, result.Run.Stuck);
        view.Verdict(verdict, standing);
        return verdict;
    }

    private async Task<string?> FirstUnfinishedAsync(CancellationToken cancellationToken)
    {
        view.Working("all", WatchText.WorkingAll);
        var result = await engine.RunAsync([], onEvent: null, onSlow: view.Slow, cancellationToken);
        if (result.Run is null || result.Catalog is null)
        {
            view.BuildFailed("all", result.Build, standing);
            return standing.Lessons.FirstOrDefault();
        }

        foreach (var progress in LessonProgress.Of(Grader.Join(result.Catalog, result.Run.Results), standing.Title))
        {
            standing.Record(progress);
        }

        return standing.Lessons.FirstOrDefault(l => standing.Seen(l)?.Status != LessonStatus.Done);
    }

    private void ShowNextHint(string lesson)
    {
        var page = LessonPages.Find(engine.Root, lesson);
        var tiers = page is null ? [] : LessonDocs.Hints(page.Path);
        if (tiers.Count == 0)
        {
            view.Message(WatchText.NoHints(lesson));
            return;
        }

        var tier = Math.Min(_hintTiers.GetValueOrDefault(lesson) + 1, tiers.Count);
        _hintTiers[lesson] = tier;
        view.Hint(lesson, tier, tiers.Count, tiers[tier - 1]);
    }
}
