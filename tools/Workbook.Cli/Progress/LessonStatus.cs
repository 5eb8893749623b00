namespace Workbook.Cli.Progress;

/// <summary>Where a student stands on one lesson.</summary>
public enum LessonStatus
{
    NotStarted,
    InProgress,
    Done,
}
