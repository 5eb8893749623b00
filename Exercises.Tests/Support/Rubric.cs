namespace Workbook.Exercises.Tests.Support;

/// <summary>
/// The cells of the seed's rubric, word for word, so that <c>--filter "Rubric=Lua scripts"</c> selects them
/// and the grade report can show a cell that no test covers.
/// </summary>
public static class Rubric
{
    public const string BasicDataTypes = "Basic data types";
    public const string SimpleCache = "Simple cache";
    public const string StringOperations = "String operations";
    public const string ProducerConsumer = "Producer/Consumer";
    public const string SingleTopic = "Single topic";
    public const string BasicSerialization = "Basic serialization";
    public const string AdvancedDataStructures = "Advanced data structures";
    public const string Leaderboard = "Leaderboard";
    public const string RateLimiting = "Rate limiting";
    public const string PubSub = "Pub/Sub";
    public const string MultipleConsumers = "Multiple consumers";
    public const string ConsumerGroups = "Consumer groups";
    public const string ErrorHandling = "Error handling";
    public const string OffsetManagement = "Offset management";
    public const string DistributedLock = "Distributed lock";
    public const string LuaScripts = "Lua scripts";
    public const string CustomPatterns = "Custom patterns";
    public const string PerformanceTuning = "Performance tuning";
    public const string StreamProcessing = "Stream processing";
    public const string ExactlyOnce = "Exactly-once semantics";
    public const string ComplexAggregations = "Complex aggregations";
    public const string Monitoring = "Monitoring";
}
