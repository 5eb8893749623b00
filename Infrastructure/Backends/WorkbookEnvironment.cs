namespace Workbook.Infrastructure.Backends;

/// <summary>The environment variables that point the workbook at servers it did not start.</summary>
public static class WorkbookEnvironment
{
    /// <summary>A StackExchange.Redis connection string, e.g. <c>localhost:6379</c> or a cluster's seed nodes.</summary>
    public const string RedisVariable = "WORKBOOK_REDIS";

    /// <summary>Kafka bootstrap servers, e.g. <c>localhost:9092</c>.</summary>
    public const string KafkaVariable = "WORKBOOK_KAFKA";

    /// <summary>Set to <c>0</c> to skip the Docker probe even when an engine answers.</summary>
    public const string DockerVariable = "WORKBOOK_DOCKER";

    public static string? Redis => Environment.GetEnvironmentVariable(RedisVariable);

    public static string? Kafka => Environment.GetEnvironmentVariable(KafkaVariable);

    public static bool DockerAllowed => Environment.GetEnvironmentVariable(DockerVariable) != "0";
}
