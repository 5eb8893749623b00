using Workbook.Cli.Engine;

namespace Workbook.Cli.Watch;

/// <summary>What a watch session shows: a full screen in a terminal, lines otherwise.</summary>
public interface IWatchView
{
    void Started(string redisDescription, string exercisesFolder);

    void Working(string lesson, string what);

    void Slow(SlowTest test);

    void Verdict(LessonVerdict verdict, WorkbookStanding standing);

    void BuildFailed(string lesson, BuildOutcome build, WorkbookStanding standing);

    void LessonDone(LessonVerdict verdict, string? next);

    void Hint(string lesson, int tier, int tiers, string text);

    void Failures(LessonVerdict verdict);

    void Lessons(WorkbookStanding standing);

    void Message(string text);
}
