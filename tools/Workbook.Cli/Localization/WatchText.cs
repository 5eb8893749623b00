using System.Resources;

namespace Workbook.Cli.Localization;

/// <summary>The texts of <c>workbook watch</c>, on the screen and as lines (<c>WatchText.resx</c>, Vietnamese in <c>WatchText.vi.resx</c>).</summary>
public static class WatchText
{
    private static readonly ResourceManager Resources = new("Workbook.Cli.Localization.WatchText", typeof(WatchText).Assembly);

    public static string LessonArgument => Resx.Get(Resources, nameof(LessonArgument));

    public static string PlainOption => Resx.Get(Resources, nameof(PlainOption));

    public static string StayOption => Resx.Get(Resources, nameof(StayOption));

    public static string NoResults => Resx.Get(Resources, nameof(NoResults));

    public static string NoLesson(object? lesson, object? lessons) => Resx.Format(Resources, nameof(NoLesson), lesson, lessons);

    public static string PlainStarted(object? backend, object? folder) => Resx.Format(Resources, nameof(PlainStarted), backend, folder);

    public static string Working(object? lesson, object? what) => Resx.Format(Resources, nameof(Working), lesson, what);

    public static string WorkingLesson => Resx.Get(Resources, nameof(WorkingLesson));

    public static string WorkingAll => Resx.Get(Resources, nameof(WorkingAll));

    public static string PlainStopped(object? reason) => Resx.Format(Resources, nameof(PlainStopped), reason);

    public static string PlainSkippedHere(object? lesson, object? reason) => Resx.Format(Resources, nameof(PlainSkippedHere), lesson, reason);

    public static string PlainFirstFailing(object? test) => Resx.Format(Resources, nameof(PlainFirstFailing), test);

    public static string PlainLessonDone(object? lesson, object? total) => Resx.Format(Resources, nameof(PlainLessonDone), lesson, total);

    public static string PlainLessonDoneNext(object? lesson, object? total, object? next) => Resx.Format(Resources, nameof(PlainLessonDoneNext), lesson, total, next);

    public static string PlainHint(object? lesson, object? tier, object? tiers, object? text) => Resx.Format(Resources, nameof(PlainHint), lesson, tier, tiers, text);

    public static string PlainFailing(object? test, object? message) => Resx.Format(Resources, nameof(PlainFailing), test, message);

    public static string NotRunInSession => Resx.Get(Resources, nameof(NotRunInSession));

    public static string Starting => Resx.Get(Resources, nameof(Starting));

    public static string ScreenTitle(object? lesson, object? title, object? level, object? skill) => Resx.Format(Resources, nameof(ScreenTitle), lesson, title, level, skill);

    public static string ScreenLessonTests(object? bar, object? passed, object? total) => Resx.Format(Resources, nameof(ScreenLessonTests), bar, passed, total);

    public static string ScreenSkipped(object? skipped) => Resx.Format(Resources, nameof(ScreenSkipped), skipped);

    public static string ScreenWorkbook(object? bar, object? done, object? lessons) => Resx.Format(Resources, nameof(ScreenWorkbook), bar, done, lessons);

    public static string ScreenStopped(object? reason) => Resx.Format(Resources, nameof(ScreenStopped), reason);

    public static string NoMessage => Resx.Get(Resources, nameof(NoMessage));

    public static string ScreenSkippedHere(object? lesson, object? reason) => Resx.Format(Resources, nameof(ScreenSkippedHere), lesson, reason);

    public static string ScreenAllPass(object? lesson) => Resx.Format(Resources, nameof(ScreenAllPass), lesson);

    public static string ScreenTiming(object? build, object? tests) => Resx.Format(Resources, nameof(ScreenTiming), build, tests);

    public static string ScreenSinceSave(object? seconds) => Resx.Format(Resources, nameof(ScreenSinceSave), seconds);

    public static string ScreenDoesNotBuild(object? lesson) => Resx.Format(Resources, nameof(ScreenDoesNotBuild), lesson);

    public static string ScreenBuildTime(object? seconds) => Resx.Format(Resources, nameof(ScreenBuildTime), seconds);

    public static string ScreenLessonDone(object? lesson) => Resx.Format(Resources, nameof(ScreenLessonDone), lesson);

    public static string ScreenOnTo(object? next) => Resx.Format(Resources, nameof(ScreenOnTo), next);

    public static string ScreenHint(object? tier, object? tiers) => Resx.Format(Resources, nameof(ScreenHint), tier, tiers);

    public static string ScreenHintAgain => Resx.Get(Resources, nameof(ScreenHintAgain));

    public static string ColumnFailingTest => Resx.Get(Resources, nameof(ColumnFailingTest));

    public static string ColumnWhy => Resx.Get(Resources, nameof(ColumnWhy));

    public static string ColumnLesson => Resx.Get(Resources, nameof(ColumnLesson));

    public static string ColumnTitle => Resx.Get(Resources, nameof(ColumnTitle));

    public static string ColumnStatus => Resx.Get(Resources, nameof(ColumnStatus));

    public static string ScreenWatching(object? folder) => Resx.Format(Resources, nameof(ScreenWatching), folder);

    public static string ScreenKeys => Resx.Get(Resources, nameof(ScreenKeys));

    public static string EveryLessonDone => Resx.Get(Resources, nameof(EveryLessonDone));

    public static string CannotBeGraded(object? lesson, object? reason, object? next) => Resx.Format(Resources, nameof(CannotBeGraded), lesson, reason, next);

    public static string NoHints(object? lesson) => Resx.Format(Resources, nameof(NoHints), lesson);
}
