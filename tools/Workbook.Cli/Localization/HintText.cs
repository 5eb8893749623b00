using System.Resources;

namespace Workbook.Cli.Localization;

/// <summary>The texts of <c>workbook hint</c> (<c>HintText.resx</c>, Vietnamese in <c>HintText.vi.resx</c>).</summary>
public static class HintText
{
    private static readonly ResourceManager Resources = new("Workbook.Cli.Localization.HintText", typeof(HintText).Assembly);

    public static string TierNudge => Resx.Get(Resources, nameof(TierNudge));

    public static string TierCommands => Resx.Get(Resources, nameof(TierCommands));

    public static string TierShape => Resx.Get(Resources, nameof(TierShape));

    public static string TierNumbered(object? tier) => Resx.Format(Resources, nameof(TierNumbered), tier);

    public static string NoLesson(object? lesson, object? lessons) => Resx.Format(Resources, nameof(NoLesson), lesson, lessons);

    public static string NoHintsList(object? page) => Resx.Format(Resources, nameof(NoHintsList), page);

    public static string LessonTitle(object? lesson, object? title) => Resx.Format(Resources, nameof(LessonTitle), lesson, title);

    public static string TierHeading(object? tier, object? name) => Resx.Format(Resources, nameof(TierHeading), tier, name);

    public static string TiersLeft(object? count, object? page) => Resx.Format(Resources, nameof(TiersLeft), count, page);

    public static string AllShown(object? page) => Resx.Format(Resources, nameof(AllShown), page);

    public static string EnglishFallback(object? page) => Resx.Format(Resources, nameof(EnglishFallback), page);

    public static string LessonArgument => Resx.Get(Resources, nameof(LessonArgument));

    public static string LevelOption => Resx.Get(Resources, nameof(LevelOption));

    public static string ExercisesOption => Resx.Get(Resources, nameof(ExercisesOption));

    public static string LevelRange(object? level) => Resx.Format(Resources, nameof(LevelRange), level);
}
