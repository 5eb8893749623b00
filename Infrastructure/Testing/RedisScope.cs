using StackExchange.Redis;
using StackExchange.Redis.KeyspaceIsolation;

namespace Workbook.Infrastructure.Testing;

/// <summary>
/// One test's private corner of a shared Redis: every key goes through a unique prefix, and disposing the
/// scope deletes whatever was written under it, so parallel tests and reruns never see each other's data.
/// </summary>
public sealed class RedisScope : IAsyncDisposable
{
    private readonly IConnectionMultiplexer _connection;

    public RedisScope(IConnectionMultiplexer connection, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        // No hash tag here: on Redis Cluster the lessons' own tags must decide the slots, as they would in production.
        Prefix = $"wb:{name ?? "t"}:{Guid.NewGuid():N}:";
        Database = connection.GetDatabase().WithKeyPrefix(Prefix);
    }

    /// <summary>Prepended to every key written through <see cref="Database"/>.</summary>
    public string Prefix { get; }

    /// <summary>The database to hand to the class under test.</summary>
    public IDatabase Database { get; }

    /// <summary>The shared connection, for what a prefix cannot wrap (Pub/Sub, server commands).</summary>
    public IConnectionMultiplexer Connection => _connection;

    /// <summary>A database wrapper with this scope's prefix over another connection (a second "app instance").</summary>
    public IDatabase On(IConnectionMultiplexer other) => other.GetDatabase().WithKeyPrefix(Prefix);

    /// <summary>Every key under this scope's prefix, read from every primary.</summary>
    public async Task<IReadOnlyList<string>> KeysAsync()
    {
        var keys = new List<string>();
        foreach (var server in _connection.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: Prefix + "*", pageSize: 500))
            {
                keys.Add(key.ToString());
            }
        }

        return keys;
    }

    public async ValueTask DisposeAsync()
    {
        var raw = _connection.GetDatabase();
        foreach (var key in await KeysAsync())
        {
            await raw.KeyDeleteAsync(key);
        }
    }
}
