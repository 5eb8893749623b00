namespace Workbook.Infrastructure.Redis;

/// <summary>What answers on the Redis port, as the server itself reports it (never guessed from how it was started).</summary>
public enum RedisServerFlavor
{
    /// <summary>Redis itself (or a server that reports nothing else).</summary>
    Redis,

    /// <summary>Microsoft Garnet: Redis-compatible, without streams, WAIT, FUNCTION, COPY or keyspace notifications.</summary>
    Garnet,
}
