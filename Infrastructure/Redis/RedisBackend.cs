using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using Testcontainers.Redis;
using Workbook.Infrastructure.Backends;

namespace Workbook.Infrastructure.Redis;

/// <summary>
/// A Redis for one run, found through the backend chain: WORKBOOK_REDIS, then Docker (Testcontainers),
/// then an embedded redis-server, then — when the host brought one — a Redis-compatible server in this process
/// (Garnet). Disposing it stops what it started and leaves external servers alone.
/// </summary>
public sealed class RedisBackend : IAsyncDisposable
{
    private readonly IAsyncDisposable? _owned;
    private readonly IDisposable? _directoryLock;

    private RedisBackend(BackendKind kind, string connectionString, string description, RedisServerFlavor flavor, IAsyncDisposable? owned, IDisposable? directoryLock = null)
    {
        _directoryLock = directoryLock;
        Kind = kind;
        ConnectionString = connectionString;
        Description = description;
        Flavor = flavor;
        _owned = owned;
    }

    public BackendKind Kind { get; }

    /// <summary>A StackExchange.Redis connection string for this server.</summary>
    public string ConnectionString { get; }

    /// <summary>One plain sentence saying which Redis this is.</summary>
    public string Description { get; }

    /// <summary>
    /// What the server says it is. External and in-process servers are asked (<see cref="RedisServerProbe"/>), so a
    /// Garnet behind WORKBOOK_REDIS — started by another process — is known for what it is too.
    /// </summary>
    public RedisServerFlavor Flavor { get; }

    /// <summary>True when the server is Garnet rather than Redis: tests that need what Garnet lacks skip on it.</summary>
    public bool IsGarnet => Flavor == RedisServerFlavor.Garnet;

    /// <summary>Finds a Redis through the chain, without an in-process last step.</summary>
    public static Task<RedisBackend> StartAsync(ILogger? logger = null, CancellationToken cancellationToken = default) =>
        StartAsync(inProcess: null, logger, cancellationToken);

    /// <summary>Finds a Redis through the chain; <paramref name="inProcess"/> is its last step when nothing else is there.</summary>
    /// <param name="inProcess">Starts a Redis-compatible server in this process, e.g. <c>GarnetRedis.Starter</c>; null for none.</param>
    /// <param name="logger">Told, once, which Redis this is.</param>
    /// <param name="cancellationToken">Stops the search.</param>
    public static Task<RedisBackend> StartAsync(InProcessRedisStarter? inProcess, ILogger? logger = null, CancellationToken cancellationToken = default) =>
        StartAsync(inProcess, persistence: null, logger, cancellationToken);

    /// <summary>
    /// Finds a Redis through the chain; a server the chain starts itself (embedded redis-server, or the in-process last
    /// step) keeps its data in <paramref name="persistence"/>'s directory. External and Docker servers are used as
    /// they are. One process at a time may use the directory: a second gets <see cref="BackendUnavailableException"/>.
    /// </summary>
    /// <param name="inProcess">The last step, made for the same directory (e.g. <c>GarnetRedis.Persistent(persistence)</c>); null for none.</param>
    /// <param name="persistence">Where the started server keeps its data; in memory when null.</param>
    /// <param name="logger">Told, once, which Redis this is.</param>
    /// <param name="cancellationToken">Stops the search.</param>
    public static async Task<RedisBackend> StartAsync(InProcessRedisStarter? inProcess, RedisPersistence? persistence, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        logger ??= NullLogger.Instance;
        var external = WorkbookEnvironment.Redis;
        var docker = string.IsNullOrWhiteSpace(external) && await DockerProbe.EngineAnswersAsync(cancellationToken);
        var kind = BackendSelector.ChooseRedis(external, docker, ExecutableLocator.Find("redis-server") is not null, inProcess is not null);

        var backend = kind switch
        {
            BackendKind.External => await ExternalAsync(external!),
            BackendKind.Docker => await StartContainerAsync(cancellationToken),
            BackendKind.InProcess => await StartInProcessAsync(inProcess!, persistence, cancellationToken),
            _ => await StartEmbeddedAsync(persistence, cancellationToken),
        };
        logger.LogInformation("{Backend}", backend.Description);
        return backend;
    }

    /// <summary>Connects a new multiplexer; the caller owns it.</summary>
    public Task<ConnectionMultiplexer> ConnectAsync() => ConnectAsync(ConnectionString, Description, allowAdmin: false);

    public async ValueTask DisposeAsync()
    {
        if (_owned is not null)
        {
            await _owned.DisposeAsync();
        }

        _directoryLock?.Dispose();
    }

    private static async Task<ConnectionMultiplexer> ConnectAsync(string connectionString, string description, bool allowAdmin)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.AllowAdmin |= allowAdmin;
        options.ConnectTimeout = Math.Max(options.ConnectTimeout, 10_000);
        var connection = await ConnectionMultiplexer.ConnectAsync(options);
        if (!connection.IsConnected)
        {
            await connection.DisposeAsync();
            throw new BackendUnavailableException($"Could not connect to Redis at {Redact(connectionString)}. {description}.");
        }

        return connection;
    }

    private static async Task<RedisBackend> ExternalAsync(string external)
    {
        var description = $"Redis: external server from {WorkbookEnvironment.RedisVariable} ({Redact(external)})";
        await using var connection = await ConnectAsync(external, description, allowAdmin: true);
        var (flavor, version) = await RedisServerProbe.DetectAsync(connection);
        if (flavor == RedisServerFlavor.Garnet)
        {
            description += $" — Garnet {version}, a Redis-compatible server, not Redis itself; tests that need what Garnet lacks are skipped";
        }

        return new RedisBackend(BackendKind.External, external, description, flavor, null);
    }

    private static async Task<RedisBackend> StartContainerAsync(CancellationToken cancellationToken)
    {
        var container = new RedisBuilder("redis:7.4-alpine").Build();
        await container.StartAsync(cancellationToken);
        return new RedisBackend(BackendKind.Docker, container.GetConnectionString(), $"Redis: Docker container redis:7.4-alpine via Testcontainers at {container.GetConnectionString()}", RedisServerFlavor.Redis, container);
    }

    private static async Task<RedisBackend> StartEmbeddedAsync(RedisPersistence? persistence, CancellationToken cancellationToken)
    {
        var directoryLock = LockDirectory(persistence);
        try
        {
            var server = await EmbeddedRedisServer.StartAsync(cancellationToken: cancellationToken, persistence: persistence);
            var storage = persistence is null ? "in memory" : $"persisted with an append-only file in {Path.GetFullPath(persistence.Directory)}";
            return new RedisBackend(
                BackendKind.Embedded,
                server.ConnectionString,
                $"Redis: embedded redis-server {server.Version} from PATH on {server.ConnectionString} ({storage}, stopped when the run ends)",
                RedisServerFlavor.Redis,
                server,
                directoryLock);
        }
        catch
        {
            directoryLock?.Dispose();
            throw;
        }
    }

    private static async Task<RedisBackend> StartInProcessAsync(InProcessRedisStarter start, RedisPersistence? persistence, CancellationToken cancellationToken)
    {
        var directoryLock = LockDirectory(persistence);
        IInProcessRedisServer? server = null;
        try
        {
            server = await start(cancellationToken);
            var storage = persistence is null ? string.Empty : $", persisted with an append-only file in {Path.GetFullPath(persistence.Directory)}";
            var description =
                $"Redis: {server.Product}, a Redis-compatible server, in this process on {server.ConnectionString}{storage} — not Redis itself; " +
                "install redis-server for Redis (none on PATH, no Docker engine, no WORKBOOK_REDIS). Tests that need what it lacks are skipped";
            await using var connection = await ConnectAsync(server.ConnectionString, description, allowAdmin: true);
            var (flavor, _) = await RedisServerProbe.DetectAsync(connection);
            return new RedisBackend(BackendKind.InProcess, server.ConnectionString, description, flavor, server, directoryLock);
        }
        catch
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }

            directoryLock?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Takes the persistence directory for this process (an exclusive lock on a file in it, released when the backend
    /// is disposed or the process ends): two servers writing one append-only file would corrupt it.
    /// </summary>
    private static FileStream? LockDirectory(RedisPersistence? persistence)
    {
        if (persistence is null)
        {
            return null;
        }

        var directory = Path.GetFullPath(persistence.Directory);
        Directory.CreateDirectory(directory);
        try
        {
            return new FileStream(Path.Combine(directory, "workbook.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new BackendUnavailableException(
                $"The Redis data in {directory} is in use by another process (another shop on the same data folder?). " +
                "Stop it, give this one another data folder, or point it at the first one's Redis.", e);
        }
    }

    private static string Redact(string connectionString) =>
        string.Join(',', connectionString.Split(',').Where(part => !part.TrimStart().StartsWith("password", StringComparison.OrdinalIgnoreCase)));
}
