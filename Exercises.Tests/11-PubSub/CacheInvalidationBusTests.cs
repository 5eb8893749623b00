using System.Collections.Concurrent;
using StackExchange.Redis;
using Workbook.Infrastructure.Testing;

namespace Workbook.Exercises.Tests.Lesson11;

[Lesson("11", Level.Intermediate, Skill.Redis)]
public sealed class CacheInvalidationBusTests(RedisFixture redis) : RedisTest(redis)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public sealed record Product(int Id, decimal Price);

    // Channels are not key-prefixed: each test gets its own channel from its scope's unique prefix.
    private string Channel => Scope.Prefix + "invalidations";

    [RedisFact]
    [Rubric(Rubric.PubSub)]
    public async Task Every_subscriber_on_three_connections_gets_every_key_in_order()
    {
        await using var second = await Redis.ConnectAgainAsync();
        await using var third = await Redis.ConnectAgainAsync();
        IConnectionMultiplexer[] connections = [Redis.Connection, second, third];
        var inboxes = connections.Select(_ => new Inbox()).ToArray();
        var subscriptions = new List<IAsyncDisposable>();
        for (var i = 0; i < connections.Length; i++)
        {
            subscriptions.Add(await new CacheInvalidationBus(connections[i].GetSubscriber(), Channel).SubscribeAsync(inboxes[i].SlowlyReceiveAsync));
        }

        try
        {
            var publisher = new CacheInvalidationBus(second.GetSubscriber(), Channel);
            var keys = Enumerable.Range(1, 20).Select(i => $"product:{i}").ToArray();
            foreach (var key in keys)
            {
                (await ReceiversAsync(publisher, key)).Should().Be(3, $"PublishAsync(\"{key}\") reaches 3 connections: all three subscribed before it was published");
            }

            for (var i = 0; i < inboxes.Length; i++)
            {
                await inboxes[i].WaitForAsync($"subscriber {i + 1} to receive product:20", "product:20");
                inboxes[i].Keys.Should().Equal(keys, $"subscriber {i + 1} must get every key once, in publish order, even when its handler takes a few milliseconds: running handlers concurrently (not one after another) reorders keys");
            }
        }
        finally
        {
            foreach (var subscription in subscriptions)
            {
                await subscription.DisposeAsync();
            }
        }
    }

    [RedisFact]
    [Rubric(Rubric.PubSub)]
    public async Task PublishAsync_returns_how_many_connections_received_the_key()
    {
        await using var second = await Redis.ConnectAgainAsync();
        var publisher = new CacheInvalidationBus(Redis.Connection.GetSubscriber(), Channel);
        var here = new CacheInvalidationBus(Redis.Connection.GetSubscriber(), Channel);
        var there = new CacheInvalidationBus(second.GetSubscriber(), Channel);

        (await ReceiversAsync(publisher, "k")).Should().Be(0, "PublishAsync(\"k\") before any SubscribeAsync returns 0: nobody subscribes to the channel yet");
        await using var first = await here.SubscribeAsync(_ => Task.CompletedTask);
        (await ReceiversAsync(publisher, "k")).Should().Be(1, "PublishAsync(\"k\") after one SubscribeAsync returns 1: one connection subscribes");
        await using var sameConnection = await here.SubscribeAsync(_ => Task.CompletedTask);
        (await ReceiversAsync(publisher, "k")).Should().Be(1, "PublishAsync(\"k\") after a second SubscribeAsync on the same connection still returns 1: Redis counts subscribed connections, and two handlers share one connection's subscription");
        await using var otherConnection = await there.SubscribeAsync(_ => Task.CompletedTask);
        (await ReceiversAsync(publisher, "k")).Should().Be(2, "PublishAsync(\"k\") after SubscribeAsync on a second connection returns 2");
    }

    [RedisFact]
    [Rubric(Rubric.PubSub)]
    public async Task Disposing_a_subscription_stops_that_handler_only()
    {
        await using var second = await Redis.ConnectAgainAsync();
        var publisher = new CacheInvalidationBus(Redis.Connection.GetSubscriber(), Channel);
        var alone = new CacheInvalidationBus(second.GetSubscriber(), Channel);
        var shared = new CacheInvalidationBus(Redis.Connection.GetSubscriber(), Channel);
        var (gone, sibling, stays) = (new Inbox(), new Inbox(), new Inbox());
        await using var goneSubscription = await alone.SubscribeAsync(gone.ReceiveAsync);
        await using var siblingSubscription = await shared.SubscribeAsync(sibling.ReceiveAsync);
        await using var staysSubscription = await shared.SubscribeAsync(stays.ReceiveAsync);

        (await ReceiversAsync(publisher, "before")).Should().Be(2, "PublishAsync(\"before\") reaches 2 connections: three handlers subscribe on two connections");
        foreach (var (inbox, name) in new[] { (gone, "gone"), (sibling, "sibling"), (stays, "stays") })
        {
            await inbox.WaitForAsync($"handler '{name}' to receive 'before'", "before");
        }

        await goneSubscription.DisposeAsync();
        (await ReceiversAsync(publisher, "after-gone")).Should().Be(1, "PublishAsync(\"after-gone\") reaches 1 connection: disposing the only subscription on a connection must UNSUBSCRIBE it at the server");
        await sibling.WaitForAsync("handler 'sibling' to receive 'after-gone'", "after-gone");

        await siblingSubscription.DisposeAsync();
        (await ReceiversAsync(publisher, "after-sibling")).Should().Be(1, "PublishAsync(\"after-sibling\") still reaches 1 connection: handler 'stays' still subscribes on that connection");
        (await ReceiversAsync(publisher, "sentinel")).Should().Be(1, "PublishAsync(\"sentinel\") still reaches the connection of handler 'stays'");
        await stays.WaitForAsync("handler 'stays' to receive the sentinel (disposing 'sibling' must not unsubscribe the whole channel)", "sentinel");

        stays.Keys.Should().Equal(["before", "after-gone", "after-sibling", "sentinel"], "handler 'stays' must get every key published while it was subscribed, in order: disposing other handlers must not stop it");
        gone.Keys.Should().Equal(["before"], "handler 'gone' must get nothing after its subscription's DisposeAsync");
        sibling.Keys.Should().Equal(["before", "after-gone"], "handler 'sibling' must get nothing after its subscription's DisposeAsync, though 'stays' shares its connection");
    }

    [RedisFact]
    [Rubric(Rubric.PubSub)]
    public async Task A_handler_that_throws_keeps_receiving()
    {
        var bus = new CacheInvalidationBus(Redis.Connection.GetSubscriber(), Channel);
        var inbox = new Inbox();
        await using var subscription = await bus.SubscribeAsync(async key =>
        {
            await inbox.ReceiveAsync(key);
            throw new InvalidOperationException($"handler failed on {key}");
        });

        foreach (var key in new[] { "k1", "k2", "k3" })
        {
            await bus.PublishAsync(key);
        }

        await inbox.WaitForAsync("the throwing handler to receive k3", "k3");
        inbox.Keys.Should().Equal(["k1", "k2", "k3"], "a handler that throws on k1 must still get k2 and k3: an exception in the handler must not end the subscription");
    }

    [RedisFact]
    [Rubric(Rubric.PubSub)]
    public async Task A_handler_that_throws_is_reported_to_the_logger_with_its_key()
    {
        var logger = new RecordingLogger<CacheInvalidationBus>();
        var bus = new CacheInvalidationBus(Redis.Connection.GetSubscriber(), Channel, logger);
        var inbox = new Inbox();
        await using var subscription = await bus.SubscribeAsync(async key =>
        {
            await inbox.ReceiveAsync(key);
            if (key == "bad")
            {
                throw new InvalidOperationException("handler failed on bad");
            }
        });

        await bus.PublishAsync("bad");
        await bus.PublishAsync("good");
        await inbox.WaitForAsync("the handler to receive good, after bad", "good");

        logger.Warnings.Should().ContainSingle("the handler failed once, on bad, and the ILogger the bus was given must hear of it (warnings: {0})", string.Join(" | ", logger.Warnings))
            .Which.Should().Contain("bad", "the report of a failed handler names the key it failed on");
    }

    [RedisFact]
    [Rubric(Rubric.PubSub)]
    public async Task Bad_arguments_are_rejected_and_publish_nothing()
    {
        var bus = new CacheInvalidationBus(Redis.Connection.GetSubscriber(), Channel);
        var inbox = new Inbox();
        await using var subscription = await bus.SubscribeAsync(inbox.ReceiveAsync);

        await FluentActions.Awaiting(() => bus.PublishAsync(string.Empty))
            .Should().ThrowAsync<ArgumentException>("PublishAsync(key: \"\") must reject an empty key")
            .WithParameterName("key", "the exception from PublishAsync(\"\") names the parameter it rejects");
        await FluentActions.Awaiting(() => bus.PublishAsync(null!))
            .Should().ThrowAsync<ArgumentException>("PublishAsync(key: null) must reject a null key")
            .WithParameterName("key", "the exception from PublishAsync(null) names the parameter it rejects");
        await FluentActions.Awaiting(() => bus.SubscribeAsync(null!))
            .Should().ThrowAsync<ArgumentNullException>("SubscribeAsync(onInvalidated: null) must reject a null handler")
            .WithParameterName("onInvalidated", "the exception from SubscribeAsync(null) names the parameter it rejects");
        FluentActions.Invoking(() => new CacheInvalidationBus(Redis.Connection.GetSubscriber(), string.Empty))
            .Should().Throw<ArgumentException>("new CacheInvalidationBus(subscriber, channel: \"\") must reject an empty channel")
            .WithParameterName("channel", "the exception from new CacheInvalidationBus(subscriber, \"\") names the parameter it rejects");
        FluentActions.Invoking(() => new CacheInvalidationBus(null!))
            .Should().Throw<ArgumentNullException>("new CacheInvalidationBus(subscriber: null) must reject a null subscriber")
            .WithParameterName("subscriber", "the exception from new CacheInvalidationBus(null) names the parameter it rejects");

        await bus.PublishAsync("sentinel");
        await inbox.WaitForAsync("the sentinel", "sentinel");
        inbox.Keys.Should().Equal(["sentinel"], "the subscriber gets only the sentinel: a rejected PublishAsync must not publish anything");
    }

    [RedisFact]
    [Rubric(Rubric.PubSub)]
    public async Task Two_app_instances_serve_the_new_value_after_an_invalidation_is_broadcast()
    {
        await using var second = await Redis.ConnectAgainAsync();
        var database = new ConcurrentDictionary<int, decimal> { [7] = 10m };
        Task<Product?> Load(CancellationToken _) => Task.FromResult<Product?>(new Product(7, database[7]));
        var instances = new[]
        {
            (Name: "instance 1", Cache: new ReadThroughCache(Db), Bus: new CacheInvalidationBus(Redis.Connection.GetSubscriber(), Channel), Inbox: new Inbox()),
            (Name: "instance 2", Cache: new ReadThroughCache(Scope.On(second)), Bus: new CacheInvalidationBus(second.GetSubscriber(), Channel), Inbox: new Inbox()),
        };
        var subscriptions = new List<IAsyncDisposable>();
        foreach (var instance in instances)
        {
            subscriptions.Add(await instance.Bus.SubscribeAsync(async key =>
            {
                await instance.Cache.InvalidateAsync(key);
                await instance.Inbox.ReceiveAsync(key);
            }));
        }

        try
        {
            foreach (var instance in instances)
            {
                (await instance.Cache.GetOrLoadAsync("product:7", Load, TimeSpan.FromMinutes(5), Cancellation))!.Price
                    .Should().Be(10m, $"{instance.Name}'s first GetOrLoadAsync(\"product:7\", …) caches the original price");
            }

            database[7] = 12m;
            await instances[0].Cache.InvalidateAsync("product:7");
            (await ReceiversAsync(instances[0].Bus, "product:7")).Should().Be(2, "PublishAsync(\"product:7\") reaches 2 connections: both instances subscribed to invalidations");
            foreach (var instance in instances)
            {
                await instance.Inbox.WaitForAsync($"{instance.Name} to handle the invalidation of product:7", "product:7");
            }

            foreach (var instance in instances)
            {
                (await instance.Cache.GetOrLoadAsync("product:7", Load, TimeSpan.FromMinutes(5), Cancellation))!.Price
                    .Should().Be(12m, $"{instance.Name}'s GetOrLoadAsync(\"product:7\", …) must serve the updated price after the broadcast: its handler invalidated its cache");
            }
        }
        finally
        {
            foreach (var subscription in subscriptions)
            {
                await subscription.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Publishes <paramref name="key"/> and returns how many connections subscribe to the channel. On one server that is
    /// PUBLISH's own reply. On Redis Cluster the message still reaches every node, but PUBLISH counts only the subscribers
    /// of the node that took it, so there the answer is PUBSUB NUMSUB summed over all nodes.
    /// </summary>
    private async Task<long> ReceiversAsync(CacheInvalidationBus publisher, string key)
    {
        var received = await publisher.PublishAsync(key);
        var servers = Redis.Connection.GetServers().Where(s => s.IsConnected).ToArray();
        if (!servers.Any(s => s.ServerType == ServerType.Cluster))
        {
            return received;
        }

        long subscribers = 0;
        foreach (var server in servers)
        {
            var reply = (RedisResult[])(await server.ExecuteAsync("PUBSUB", "NUMSUB", Channel))!;
            subscribers += (long)reply[1];
        }

        return subscribers;
    }

    /// <summary>Records the keys a handler received, in order.</summary>
    private sealed class Inbox
    {
        private readonly ConcurrentQueue<string> _keys = new();

        public IReadOnlyList<string> Keys => [.. _keys];

        public Task ReceiveAsync(string key)
        {
            _keys.Enqueue(key);
            return Task.CompletedTask;
        }

        // A handler that takes a little while: an implementation that runs handlers concurrently would reorder keys.
        public async Task SlowlyReceiveAsync(string key)
        {
            await Task.Delay(Random.Shared.Next(0, 3));
            _keys.Enqueue(key);
        }

        public Task WaitForAsync(string what, string key) =>
            Eventually.UntilAsync(what, () => Task.FromResult(Keys), keys => keys.Contains(key), Patience, cancellationToken: TestContext.Current.CancellationToken);
    }
}
