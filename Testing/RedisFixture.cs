using StackExchange.Redis;
using Workbook.Infrastructure.Garnet;
using Workbook.Infrastructure.Redis;
using Workbook.Infrastructure.Testing;
using Xunit;
using Xunit.Sdk;
using Xunit.v3;

namespace Workbook.Testing;

/// <summary>
/// One Redis for the whole test run, from the backend chain (its last step Garnet, in this process), stopped when the
/// run ends.
/// </summary>
public sealed class RedisFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    private RedisBackend? _backend;
    private ConnectionMultiplexer? _connection;

    public RedisBackend Backend => _backend ?? throw new InvalidOperationException("Redis is not started yet.");

    /// <summary>The run's shared connection.</summary>
    public IConnectionMultiplexer Connection => _connection ?? throw new InvalidOperationException("Redis is not started yet.");

    /// <summary>A private key space for one test; dispose it to delete what the test wrote.</summary>
    public RedisScope NewScope(string? name = null) => new(Connection, name);

    /// <summary>A second, independent connection, as a second app instance would have.</summary>
    public Task<ConnectionMultiplexer> ConnectAgainAsync() => Backend.ConnectAsync();

    public async ValueTask InitializeAsync()
    {
        _backend = await RedisBackend.StartAsync(GarnetRedis.Starter);
        diagnostics.OnMessage(new DiagnosticMessage(_backend.Description));
        _connection = await _backend.ConnectAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }
    }
}
