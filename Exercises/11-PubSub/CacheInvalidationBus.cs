using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Workbook.Lessons;

/// <summary>
/// Lesson 11 — broadcast "this cache key changed" to every app instance over Redis Pub/Sub.
/// Task: every subscriber gets every key in order, a throwing handler keeps receiving, and disposing a
/// subscription stops that handler only.
/// Read docs/lessons/11-pub-sub.md first.
/// </summary>
public sealed class CacheInvalidationBus
{
    private readonly ISubscriber _subscriber;
    private readonly string _channel;
    private readonly ILogger<CacheInvalidationBus>? _logger;

    /// <param name="subscriber">The connection's Pub/Sub side (<c>IConnectionMultiplexer.GetSubscriber()</c>).</param>
    /// <param name="channel">The channel name, used as is (channels are not key-prefixed); not empty.</param>
    /// <param name="logger">Where a failing handler is reported; nothing is logged when null.</param>
    public CacheInvalidationBus(ISubscriber subscriber, string channel = "cache:invalidations", ILogger<CacheInvalidationBus>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        _subscriber = subscriber;
        _channel = channel;
        _logger = logger;
    }

    /// <summary>Announces that <paramref name="key"/> changed; returns how many subscribed connections received it.</summary>
    /// <param name="key">The cache key that changed; not empty.</param>
    public Task<long> PublishAsync(string key) =>
        throw new NotImplementedException("Lesson 11: implement CacheInvalidationBus.PublishAsync — announce to every subscriber that the key changed, and return how many connections received it. Read docs/lessons/11-pub-sub.md; stuck? workbook hint 11");

    /// <summary>
    /// Calls <paramref name="onInvalidated"/> with every key published from now on, in order. A handler that throws is
    /// logged and keeps receiving. Dispose the returned handle to unsubscribe this handler only.
    /// </summary>
    /// <param name="onInvalidated">Handles one key; the next key waits until it completes.</param>
    public Task<IAsyncDisposable> SubscribeAsync(Func<string, Task> onInvalidated) =>
        throw new NotImplementedException("Lesson 11: implement CacheInvalidationBus.SubscribeAsync — call the handler with every key published from now on, one at a time and in order, keep calling it after it throws, and stop only this handler when the returned handle is disposed. Read docs/lessons/11-pub-sub.md; stuck? workbook hint 11");
}
