using BenchmarkDotNet.Attributes;
using StackExchange.Redis;
using StackExchange.Redis.KeyspaceIsolation;
using Workbook.Benchmarks.Support;
using Workbook.Infrastructure.Redis;

namespace Workbook.Benchmarks.Redis;

/// <summary>
/// What every Redis suite shares: one backend and ONE multiplexer per run, a key prefix of its own (so a rerun,
/// or an external server, never sees old data), and the concurrency. Lesson and bare benchmarks use the same
/// prefixed database, so the prefix costs both the same.
/// </summary>
public abstract class RedisSuite
{
    /// <summary>Operations per benchmark invocation; the reported time is per operation.</summary>
    public const int Operations = 20_000;

    private RedisBackend? _backend;
    private ConnectionMultiplexer? _connection;

    /// <summary>Concurrent callers sharing the one multiplexer (64, like a busy web server).</summary>
    [Params(64)]
    public int Concurrency { get; set; }

    protected IDatabase Db { get; private set; } = null!;

    /// <summary>The key prefix of this run, for code that needs the real key names.</summary>
    protected string Prefix { get; private set; } = string.Empty;

    [GlobalSetup]
    public async Task GlobalSetupAsync()
    {
        _backend = await RedisBackend.StartAsync();
        BackendLog.Record(_backend.Description);
        _connection = await _backend.ConnectAsync();
        Prefix = $"bench:{Guid.NewGuid():N}:";
        Db = _connection.GetDatabase().WithKeyPrefix(Prefix);
        await SetupAsync();
    }

    [GlobalCleanup]
    public async Task GlobalCleanupAsync()
    {
        if (_connection is not null)
        {
            await CleanupAsync();
            await _connection.DisposeAsync();
        }

        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }
    }

    protected virtual Task SetupAsync() => Task.CompletedTask;

    protected virtual Task CleanupAsync() => Task.CompletedTask;
}
