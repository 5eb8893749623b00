using Workbook.Infrastructure.Redis;

namespace Workbook.Infrastructure.Garnet;

/// <summary>
/// What a host passes to <see cref="RedisBackend"/> to make Garnet the Redis chain's last step:
/// <c>RedisBackend.StartAsync(GarnetRedis.Starter)</c>. Referencing this assembly is the whole cost.
/// </summary>
public static class GarnetRedis
{
    /// <summary>Starts a <see cref="GarnetRedisServer"/>.</summary>
    public static InProcessRedisStarter Starter { get; } = GarnetRedisServer.StartAsync;

    /// <summary>Starts a <see cref="GarnetRedisServer"/> that keeps its data in <paramref name="persistence"/>'s directory.</summary>
    public static InProcessRedisStarter Persistent(RedisPersistence persistence)
    {
        ArgumentNullException.ThrowIfNull(persistence);
        return cancellationToken => GarnetRedisServer.StartAsync(persistence, cancellationToken);
    }
}
