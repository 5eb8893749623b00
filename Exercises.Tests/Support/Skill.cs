namespace Workbook.Exercises.Tests.Support;

/// <summary>The seed rubric's columns.</summary>
public enum Skill
{
    Redis,
    Kafka,
}
