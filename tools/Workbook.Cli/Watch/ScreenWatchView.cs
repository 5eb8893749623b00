using Spectre.Console;
using Spectre.Console.Rendering;
using Workbook.Cli.Engine;
using Workbook.Cli.Localization;
using Workbook.Cli.Localization.Teaching;

namespace Workbook.Cli.Watch;

/// <summary>
/// The watch session as one focused screen, redrawn on each event: the lesson, a bar of its tests and one of the
/// workbook, the first failing test with its message (no framework frames), and the keys.
/// </summary>
public sealed class ScreenWatchView(IAnsiConsole console) : IWatchView
{
    private readonly Lock _gate = new();
    private string _backend = string.Empty;
    private string _folder = string.Empty;
    private IRenderable? _body;
    private IRenderable? _extra;
    private string _status = string.Empty;

    public void Started(string redisDescription, string exercisesFolder)
    {
        _backend = redisDescription;
        _folder = exercisesFolder;
        Draw(status: WatchText.Starting);
    }

    public void Working(string lesson, string what) => Draw(status: lesson == "all" ? what + "…" : WatchText.Working(lesson, what));

    public void Slow(SlowTest test) => Draw(status: test.Describe());

    public void Verdict(LessonVerdict verdict, WorkbookStanding standing)
    {
        var p = verdict.Progress;
        var rows = new List<IRenderable>
        {
            new Markup(WatchText.ScreenTitle(p.Lesson, Markup.Escape(p.Title), p.Level, p.Skill)),
            new Markup(WatchText.ScreenLessonTests(Bar(p.Score.Passed, p.Score.Total), p.Score.Passed, p.Score.Total) + (p.Score.Skipped > 0 ? WatchText.ScreenSkipped(p.Score.Skipped) : string.Empty)),
            new Markup(WatchText.ScreenWorkbook(Bar(standing.Done, standing.Lessons.Count), standing.Done, standing.Lessons.Count)),
            Text.Empty,
        };
        if (verdict.Stuck is { } stuck)
        {
            rows.Add(new Markup(WatchText.ScreenStopped(Markup.Escape(stuck))));
        }

        if (p.FirstFailing is { } failing)
        {
            rows.Add(new Panel(new Text(WithVietnamese(verdict.FirstFailure ?? WatchText.NoMessage, verdict.FirstFailureInVietnamese))).Header($"[red]✗ {Markup.Escape(failing.Test.MethodName)}[/]").Expand());
        }
        else if (verdict.SkippedHere)
        {
            rows.Add(new Markup(WatchText.ScreenSkippedHere(p.Lesson, Markup.Escape(verdict.SkipReason ?? string.Empty))));
        }
        else if (verdict.Done)
        {
            rows.Add(new Markup(WatchText.ScreenAllPass(p.Lesson)));
        }

        var timing = WatchText.ScreenTiming(verdict.Build.TotalSeconds, verdict.Tests.TotalSeconds) +
            (verdict.SinceSave is { } s ? WatchText.ScreenSinceSave(s.TotalSeconds) : string.Empty);
        Draw(body: new Rows(rows), extra: null, status: timing);
    }

    public void BuildFailed(string lesson, BuildOutcome build, WorkbookStanding standing) =>
        Draw(
            body: new Panel(new Text(build.Describe(max: 8))).Header(WatchText.ScreenDoesNotBuild(lesson)).Expand(),
            extra: null,
            status: WatchText.ScreenBuildTime(build.Elapsed.TotalSeconds));

    public void LessonDone(LessonVerdict verdict, string? next) =>
        Draw(extra: new Markup(next is null
            ? WatchText.ScreenLessonDone(verdict.Progress.Lesson)
            : WatchText.ScreenLessonDone(verdict.Progress.Lesson) + WatchText.ScreenOnTo(next)));

    public void Hint(string lesson, int tier, int tiers, string text) =>
        Draw(extra: new Panel(new Text(text)).Header(WatchText.ScreenHint(tier, tiers) + (tier < tiers ? WatchText.ScreenHintAgain : string.Empty)).Expand());

    public void Failures(LessonVerdict verdict)
    {
        var table = new Table().AddColumns(WatchText.ColumnFailingTest, WatchText.ColumnWhy).Expand();
        foreach (var test in verdict.Progress.Tests.Where(t => !t.Passed))
        {
            table.AddRow(Markup.Escape(test.Test.MethodName), Markup.Escape(WithVietnamese(test.Results.FirstOrDefault()?.Message ?? string.Empty, VietnameseTeaching.Lines(test))));
        }

        Draw(extra: table);
    }

    public void Lessons(WorkbookStanding standing)
    {
        var table = new Table().AddColumns(WatchText.ColumnLesson, WatchText.ColumnTitle, WatchText.ColumnStatus).Expand();
        foreach (var lesson in standing.Lessons)
        {
            table.AddRow(lesson, Markup.Escape(standing.Title(lesson)), Markup.Escape(standing.Seen(lesson)?.Describe() ?? WatchText.NotRunInSession));
        }

        Draw(extra: table);
    }

    public void Message(string text) => Draw(extra: new Text(text));

    private static string WithVietnamese(string english, IReadOnlyList<string> vietnamese) =>
        vietnamese.Count == 0 ? english : string.Join(Environment.NewLine, [english, .. vietnamese]);

    private static string Bar(int done, int total)
    {
        const int width = 24;
        var filled = total == 0 ? 0 : (int)Math.Round(width * (double)done / total);
        return $"[green]{new string('█', filled)}[/][grey]{new string('░', width - filled)}[/]";
    }

    private void Draw(IRenderable? body = null, IRenderable? extra = null, string? status = null)
    {
        lock (_gate)
        {
            if (body is not null)
            {
                _body = body;
                _extra = extra;
            }
            else if (extra is not null)
            {
                _extra = extra;
            }

            _status = status ?? _status;
            console.Clear();
            console.Write(new Rule("[bold]workbook watch[/]").LeftJustified());
            console.MarkupLine($"[grey]{Markup.Escape(_backend)}[/]");
            console.MarkupLine($"[grey]{WatchText.ScreenWatching(Markup.Escape(_folder))}[/]");
            console.WriteLine();
            if (_body is not null)
            {
                console.Write(_body);
            }

            if (_extra is not null)
            {
                console.WriteLine();
                console.Write(_extra);
            }

            console.WriteLine();
            console.MarkupLine($"[grey]{Markup.Escape(_status)}[/]");
            console.MarkupLine(WatchText.ScreenKeys);
        }
    }
}
