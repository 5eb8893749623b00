using Workbook.Infrastructure.Backends;
using Workbook.Infrastructure.Garnet;
using Workbook.Infrastructure.Redis;

namespace Workbook.Cli.Engine;

/// <summary>
/// One Redis for a whole session of the engine, from the workbook's backend chain, handed to every test run through
/// WORKBOOK_REDIS so no run pays for a server start. Kafka is not shared this way: the test host starts librdkafka's
/// mock cluster in its own process in milliseconds, and a mock in another process could not create topics for it.
/// </summary>
public sealed class WarmRedis : IAsyncDisposable
{
    private readonly RedisBackend _backend;

    private WarmRedis(RedisBackend backend) => _backend = backend;

    /// <summary>One plain sentence saying which Redis this is.</summary>
    public string Description => _backend.Description;

    /// <summary>The environment a test host needs to use this server.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        [WorkbookEnvironment.RedisVariable] = _backend.ConnectionString,
    };

    /// <summary>
    /// Starts (or finds) the Redis; throws <see cref="BackendUnavailableException"/> saying how to get one. The chain
    /// only returns a server that answered (an external one is connected to and asked what it is).
    /// </summary>
    public static async Task<WarmRedis> StartAsync(CancellationToken cancellationToken) =>
        new(await RedisBackend.StartAsync(GarnetRedis.Starter, cancellationToken: cancellationToken));

    public ValueTask DisposeAsync() => _backend.DisposeAsync();
}
