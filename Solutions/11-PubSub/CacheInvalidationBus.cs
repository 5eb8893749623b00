using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Workbook.Lessons;

/// <summary>
/// Lesson 11 — broadcasts "this cache key changed" to every app instance over Redis Pub/Sub. Each subscription
/// reads its own ordered <see cref="ChannelMessageQueue"/>, so its handler sees the keys in publish order, one at a time,
/// and unsubscribing one queue leaves every other subscription on the same connection alone.
/// </summary>
public sealed class CacheInvalidationBus
{
    private readonly ISubscriber _subscriber;
    private readonly RedisChannel _channel;
    private readonly ILogger<CacheInvalidationBus>? _logger;

    /// <param name="subscriber">The connection's Pub/Sub side (<c>IConnectionMultiplexer.GetSubscriber()</c>).</param>
    /// <param name="channel">The channel name, used as is (channels are not key-prefixed); not empty.</param>
    /// <param name="logger">Where a failing handler is reported; nothing is logged when null.</param>
    public CacheInvalidationBus(ISubscriber subscriber, string channel = "cache:invalidations", ILogger<CacheInvalidationBus>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentException.ThrowIfNullOrEmpty(channel);
        _subscriber = subscriber;
        _channel = RedisChannel.Literal(channel);
        _logger = logger;
    }

    /// <summary>Announces that <paramref name="key"/> changed; returns how many subscribed connections received it.</summary>
    /// <param name="key">The cache key that changed; not empty.</param>
    public Task<long> PublishAsync(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return _subscriber.PublishAsync(_channel, key);
    }

    /// <summary>
    /// Calls <paramref name="onInvalidated"/> with every key published from now on, in order. A handler that throws is
    /// logged and keeps receiving. Dispose the returned handle to unsubscribe this handler only.
    /// </summary>
    /// <param name="onInvalidated">Handles one key; the next key waits until it completes.</param>
    public async Task<IAsyncDisposable> SubscribeAsync(Func<string, Task> onInvalidated)
    {
        ArgumentNullException.ThrowIfNull(onInvalidated);
        var queue = await _subscriber.SubscribeAsync(_channel);
        queue.OnMessage(async message =>
        {
            var key = (string?)message.Message ?? string.Empty;
            try
            {
                await onInvalidated(key);
            }
            catch (Exception error)
            {
                // One bad message must not end the subscription: later invalidations still have to arrive.
                if (_logger is not null)
                {
                    CacheInvalidationBusLog.HandlerFailed(_logger, key, message.Channel.ToString(), error);
                }
            }
        });
        return new Subscription(queue);
    }

    private sealed class Subscription(ChannelMessageQueue queue) : IAsyncDisposable
    {
        private int _disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                await queue.UnsubscribeAsync();
            }
        }
    }
}
