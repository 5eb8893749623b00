using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using Testcontainers.Redis;
using Workbook.Infrastructure.Backends;

namespace Workbook.Infrastructure.Redis;

/// <summary>
/// A Redis for one run, found through the backend chain: WORKBOOK_REDIS, then Docker (Testcontainers),
/// then an embedded redis-server. Disposing it stops what it started and leaves external servers alone.
/// </summary>
public sealed class RedisBackend : IAsyncDisposable
{
    private readonly IAsyncDisposable? _owned;

    private RedisBackend(BackendKind kind, string connectionString, string description, IAsyncDisposable? owned)
    {
        Kind = kind;
        ConnectionString = connectionString;
        Description = description;
        _owned = owned;
    }

    public BackendKind Kind { get; }

    /// <summary>A StackExchange.Redis connection string for this server.</summary>
    public string ConnectionString { get; }

    /// <summary>One plain sentence saying which Redis this is.</summary>
    public string Description { get; }

    public static async Task<RedisBackend> StartAsync(ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        logger ??= NullLogger.Instance;
        var external = WorkbookEnvironment.Redis;
        var docker = string.IsNullOrWhiteSpace(external) && await DockerProbe.EngineAnswersAsync(cancellationToken);
        var kind = BackendSelector.ChooseRedis(external, docker, ExecutableLocator.Find("redis-server") is not null);

        var backend = kind switch
        {
            BackendKind.External => new RedisBackend(kind, external!, $"Redis: external server from {WorkbookEnvironment.RedisVariable} ({Redact(external!)})", null),
            BackendKind.Docker => await StartContainerAsync(cancellationToken),
            _ => await StartEmbeddedAsync(cancellationToken),
        };
        logger.LogInformation("{Backend}", backend.Description);
        return backend;
    }

    /// <summary>Connects a new multiplexer; the caller owns it.</summary>
    public async Task<ConnectionMultiplexer> ConnectAsync()
    {
        var options = ConfigurationOptions.Parse(ConnectionString);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = Math.Max(options.ConnectTimeout, 10_000);
        var connection = await ConnectionMultiplexer.ConnectAsync(options);
        if (!connection.IsConnected)
        {
            await connection.DisposeAsync();
            throw new BackendUnavailableException($"Could not connect to Redis at {Redact(ConnectionString)}. {Description}.");
        }

        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (_owned is not null)
        {
            await _owned.DisposeAsync();
        }
    }

    private static async Task<RedisBackend> StartContainerAsync(CancellationToken cancellationToken)
    {
        var container = new RedisBuilder("redis:7.4-alpine").Build();
        await container.StartAsync(cancellationToken);
        return new RedisBackend(BackendKind.Docker, container.GetConnectionString(), $"Redis: Docker container redis:7.4-alpine via Testcontainers at {container.GetConnectionString()}", container);
    }

    private static async Task<RedisBackend> StartEmbeddedAsync(CancellationToken cancellationToken)
    {
        var server = await EmbeddedRedisServer.StartAsync(cancellationToken: cancellationToken);
        return new RedisBackend(
            BackendKind.Embedded,
            server.ConnectionString,
            $"Redis: embedded redis-server {server.Version} from PATH on {server.ConnectionString} (in memory, stopped when the run ends)",
            server);
    }

    private static string Redact(string connectionString) =>
        string.Join(',', connectionString.Split(',').Where(part => !part.TrimStart().StartsWith("password", StringComparison.OrdinalIgnoreCase)));
}
