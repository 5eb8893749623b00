using Workbook.Cli.Progress;

namespace Workbook.Cli.Watch;

/// <summary>Every lesson as the session last saw it: a lesson not run yet in this session is not counted as done.</summary>
public sealed class WorkbookStanding(IReadOnlyList<string> lessons, Func<string, string> title)
{
    private readonly Dictionary<string, LessonProgress> _seen = [];

    public IReadOnlyList<string> Lessons { get; } = lessons;

    public string Title(string lesson) => title(lesson);

    public LessonProgress? Seen(string lesson) => _seen.GetValueOrDefault(lesson);

    public int Done => _seen.Values.Count(p => p.Status == LessonStatus.Done);

    public void Record(LessonProgress progress) => _seen[progress.Lesson] = progress;

    /// <summary>
    /// The first lesson after <paramref name="lesson"/> (in order, wrapping) not known to be done, other than
    /// <paramref name="skip"/> (a lesson that cannot be done here).
    /// </summary>
    public string? NextAfter(string lesson, string? skip = null)
    {
        var index = Lessons.ToList().IndexOf(lesson);
        for (var step = 1; step <= Lessons.Count; step++)
        {
            var candidate = Lessons[(index + step) % Lessons.Count];
            if (candidate != skip && Seen(candidate)?.Status != LessonStatus.Done)
            {
                return candidate;
            }
        }

        return null;
    }
}
