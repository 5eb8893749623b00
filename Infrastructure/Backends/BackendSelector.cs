namespace Workbook.Infrastructure.Backends;

/// <summary>
/// The backend chain of DESIGN.md as a pure decision: external setting, then Docker, then embedded, then (Redis only)
/// a Redis-compatible server inside this process. Kept free of I/O so that the order is tested without a Docker engine.
/// </summary>
public static class BackendSelector
{
    /// <summary>Chooses where a Redis comes from, or throws with the ways to get one.</summary>
    /// <param name="externalSetting">The value of WORKBOOK_REDIS, if any.</param>
    /// <param name="dockerAnswers">Whether a Docker engine answered a ping.</param>
    /// <param name="redisServerOnPath">Whether <c>redis-server</c> is on PATH.</param>
    /// <param name="inProcessAvailable">Whether the host brought an in-process server (Workbook.Infrastructure.Garnet).</param>
    public static BackendKind ChooseRedis(string? externalSetting, bool dockerAnswers, bool redisServerOnPath, bool inProcessAvailable)
    {
        if (!string.IsNullOrWhiteSpace(externalSetting))
        {
            return BackendKind.External;
        }

        if (dockerAnswers)
        {
            return BackendKind.Docker;
        }

        if (redisServerOnPath)
        {
            return BackendKind.Embedded;
        }

        if (inProcessAvailable)
        {
            return BackendKind.InProcess;
        }

        throw new BackendUnavailableException(
            "No Redis for the workbook: redis-server is not on PATH, no Docker engine answered, WORKBOOK_REDIS is not set, " +
            "and this program does not carry Garnet (Workbook.Infrastructure.Garnet). " +
            "Fix one of these: install redis-server (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis), " +
            "start Docker, or set WORKBOOK_REDIS to a StackExchange.Redis connection string such as localhost:6379.");
    }

    /// <summary>
    /// Chooses where a Kafka comes from. The embedded mock cluster ships inside Confluent.Kafka's native
    /// library, so this never fails: it is always the last resort.
    /// </summary>
    /// <param name="externalSetting">The value of WORKBOOK_KAFKA, if any.</param>
    /// <param name="dockerAnswers">Whether a Docker engine answered a ping.</param>
    public static BackendKind ChooseKafka(string? externalSetting, bool dockerAnswers)
    {
        if (!string.IsNullOrWhiteSpace(externalSetting))
        {
            return BackendKind.External;
        }

        return dockerAnswers ? BackendKind.Docker : BackendKind.Embedded;
    }
}
