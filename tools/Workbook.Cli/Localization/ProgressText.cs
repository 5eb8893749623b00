using System.Resources;

namespace Workbook.Cli.Localization;

/// <summary>The texts of <c>workbook progress</c>, of a lesson's status and of a test run's log lines (<c>ProgressText.resx</c>, Vietnamese in <c>ProgressText.vi.resx</c>).</summary>
public static class ProgressText
{
    private static readonly ResourceManager Resources = new("Workbook.Cli.Localization.ProgressText", typeof(ProgressText).Assembly);

    public static string ColumnLesson => Resx.Get(Resources, nameof(ColumnLesson));

    public static string ColumnTitle => Resx.Get(Resources, nameof(ColumnTitle));

    public static string ColumnLevelSkill => Resx.Get(Resources, nameof(ColumnLevelSkill));

    public static string ColumnStatus => Resx.Get(Resources, nameof(ColumnStatus));

    public static string StatusDone => Resx.Get(Resources, nameof(StatusDone));

    public static string StatusNotStarted => Resx.Get(Resources, nameof(StatusNotStarted));

    public static string StatusInProgress(object? passed, object? total) => Resx.Format(Resources, nameof(StatusInProgress), passed, total);

    public static string NoTests => Resx.Get(Resources, nameof(NoTests));

    public static string AllDone => Resx.Get(Resources, nameof(AllDone));

    public static string Next(object? lesson, object? title, object? status) => Resx.Format(Resources, nameof(Next), lesson, title, status);

    public static string FirstFailing(object? test) => Resx.Format(Resources, nameof(FirstFailing), test);

    public static string WatchIt(object? workbook, object? lesson) => Resx.Format(Resources, nameof(WatchIt), workbook, lesson);

    public static string Stuck(object? command) => Resx.Format(Resources, nameof(Stuck), command);

    public static string RunningEvery(object? target, object? root, object? backend) => Resx.Format(Resources, nameof(RunningEvery), target, root, backend);

    public static string RunStopped(object? reason) => Resx.Format(Resources, nameof(RunStopped), reason);

    public static string RunSummary(object? passed, object? failed, object? seconds, object? build) => Resx.Format(Resources, nameof(RunSummary), passed, failed, seconds, build);

    public static string BuildingForTraits(object? target) => Resx.Format(Resources, nameof(BuildingForTraits), target);
}
