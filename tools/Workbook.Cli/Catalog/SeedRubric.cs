namespace Workbook.Cli.Catalog;

/// <summary>
/// The seed workbook's rubric, word for word: the rows and columns of the grade report and the items of each cell.
/// It is the seed's fixed table, not a list of tests; which tests cover an item comes from the test assembly.
/// </summary>
public static class SeedRubric
{
    public static IReadOnlyList<string> Levels { get; } = ["Beginner", "Intermediate", "Advanced"];

    public static IReadOnlyList<string> Skills { get; } = ["Redis", "Kafka"];

    public static IReadOnlyList<string> Items(string level, string skill) => (level, skill) switch
    {
        ("Beginner", "Redis") => ["Basic data types", "Simple cache", "String operations"],
        ("Beginner", "Kafka") => ["Producer/Consumer", "Single topic", "Basic serialization"],
        ("Intermediate", "Redis") => ["Advanced data structures", "Leaderboard", "Rate limiting", "Pub/Sub"],
        ("Intermediate", "Kafka") => ["Multiple consumers", "Consumer groups", "Error handling", "Offset management"],
        ("Advanced", "Redis") => ["Distributed lock", "Lua scripts", "Custom patterns", "Performance tuning"],
        ("Advanced", "Kafka") => ["Stream processing", "Exactly-once semantics", "Complex aggregations", "Monitoring"],
        _ => [],
    };
}
