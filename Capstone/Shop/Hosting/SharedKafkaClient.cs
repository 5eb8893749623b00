namespace Workbook.Shop.Hosting;

/// <summary>
/// A long-lived Kafka client that several calls share, created on first use and destroyed only once no call is inside
/// it. librdkafka must never destroy a handle while another thread is in a call on it: the process aborts. The host
/// disposes its singletons when its shutdown timeout ends, which can be while a sample still waits on a broker that is
/// down; the last call out then disposes the client instead.
/// </summary>
/// <typeparam name="TClient">The client (a consumer, an admin client, or a lesson class that wraps one).</typeparam>
public sealed class SharedKafkaClient<TClient>(Func<TClient> create) : IDisposable
    where TClient : class, IDisposable
{
    private readonly Lock _gate = new();
    private TClient? _client;
    private int _calls;
    private bool _disposed;

    /// <summary>Runs <paramref name="call"/> on the client; the client outlives the call even if disposed meanwhile.</summary>
    /// <exception cref="ObjectDisposedException">This was disposed before the call began.</exception>
    public TResult Use<TResult>(Func<TClient, TResult> call)
    {
        var client = Enter();
        try
        {
            return call(client);
        }
        finally
        {
            Leave();
        }
    }

    /// <inheritdoc cref="Use{TResult}"/>
    public async Task<TResult> UseAsync<TResult>(Func<TClient, Task<TResult>> call)
    {
        var client = Enter();
        try
        {
            return await call(client);
        }
        finally
        {
            Leave();
        }
    }

    public void Dispose()
    {
        TClient? idle = null;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_calls == 0)
            {
                (idle, _client) = (_client, null);
            }
        }

        idle?.Dispose();
    }

    private TClient Enter()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var client = _client ??= create();
            _calls++;
            return client;
        }
    }

    private void Leave()
    {
        TClient? orphan = null;
        lock (_gate)
        {
            if (--_calls == 0 && _disposed)
            {
                (orphan, _client) = (_client, null);
            }
        }

        orphan?.Dispose();
    }
}
