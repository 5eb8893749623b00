namespace Workbook.Infrastructure.Backends;

/// <summary>Where a Redis or Kafka came from, in the order the workbook tries them.</summary>
public enum BackendKind
{
    /// <summary>A server named by an environment variable (WORKBOOK_REDIS / WORKBOOK_KAFKA).</summary>
    External,

    /// <summary>A throwaway container started through Testcontainers.</summary>
    Docker,

    /// <summary>Started in this process's care without Docker: redis-server from PATH, librdkafka's mock cluster.</summary>
    Embedded,

    /// <summary>Redis only, the last resort: a Redis-compatible server (Garnet) running inside this process.</summary>
    InProcess,
}
