using Xunit.v3;

namespace Workbook.Exercises.Tests.Support;

/// <summary>Tags a test class with its lesson, rubric level and skill: <c>--filter Lesson=01</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class LessonAttribute(string lesson, Level level, Skill skill) : Attribute, ITraitAttribute
{
    public string Lesson { get; } = lesson;

    public Level Level { get; } = level;

    public Skill Skill { get; } = skill;

    public IReadOnlyCollection<KeyValuePair<string, string>> GetTraits() =>
    [
        new("Lesson", Lesson),
        new("Level", Level.ToString()),
        new("Skill", Skill.ToString()),
    ];
}
