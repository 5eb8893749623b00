namespace Workbook.Exercises.Tests.Support;

/// <summary>The seed rubric's rows.</summary>
public enum Level
{
    Beginner,
    Intermediate,
    Advanced,
}
