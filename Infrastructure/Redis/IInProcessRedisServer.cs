namespace Workbook.Infrastructure.Redis;

/// <summary>
/// A Redis-compatible server running inside this process, the Redis chain's last step. Infrastructure does not
/// carry one: a host that wants it hands <see cref="RedisBackend"/> an <see cref="InProcessRedisStarter"/>
/// (Workbook.Infrastructure.Garnet's <c>GarnetRedis.Starter</c>), so only hosts that reference it pay for it.
/// Disposing it stops the server.
/// </summary>
public interface IInProcessRedisServer : IAsyncDisposable
{
    /// <summary>Product and version in words, e.g. <c>Garnet 2.2.8</c>.</summary>
    string Product { get; }

    /// <summary>A StackExchange.Redis connection string, e.g. <c>127.0.0.1:41234</c>.</summary>
    string ConnectionString { get; }
}
