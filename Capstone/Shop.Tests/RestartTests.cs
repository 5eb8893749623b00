using System.Net;
using System.Net.Http.Json;
using Confluent.Kafka;
using FluentAssertions;
using StackExchange.Redis;
using Workbook.Contracts.Orders;
using Workbook.Infrastructure.Backends;
using Workbook.Infrastructure.Testing;
using Workbook.Shop.Analytics;
using Workbook.Shop.Cart;
using Workbook.Shop.Telemetry;
using Xunit;

namespace Workbook.Shop.Tests;

/// <summary>
/// Hostile case "restart on the embedded default": the real shop process, on its own embedded Redis (redis-server, or
/// Garnet when redis-server is hidden) and Kafka mock, is stopped with SIGTERM and started again on the same data folder.
/// What lives in Redis — carts, revenue, stock, loyalty points, idempotency markers — must still be there. Each case
/// starts the process twice (about 10 s each on 2 vCPU); every wait is bounded (see <see cref="ShopProcess"/>).
/// </summary>
public sealed class RestartTests : IDisposable
{
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("shop-restart-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory(Timeout = 240_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_restart_on_the_same_data_folder_keeps_carts_revenue_stock_points_and_idempotency(bool withoutRedisServer)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the shop is stopped with SIGTERM (kill), which Windows has not.");
        Assert.SkipUnless(withoutRedisServer || ExecutableLocator.Find("redis-server") is not null, "redis-server is not on PATH: the Garnet case covers the embedded default here.");

        OrderView first;
        OrderView second;
        long points;
        long stock;
        await using (var shop = await ShopProcess.StartAsync(_dataFolder, withoutRedisServer, Ct))
        {
            shop.RedisDescription.Should().Contain(withoutRedisServer ? "Garnet" : "redis-server").And.Contain("append-only file");
            first = await PlaceAsync(shop.Client, "alice", "restart-1", ("P1", 2), ("P3", 1));
            second = await PlaceAsync(shop.Client, "bob", "restart-2", ("P2", 1));
            (await Send(shop.Client, HttpMethod.Post, "/cart/items", "carol", new { product_id = "P4", quantity = 3 })).EnsureSuccessStatusCode();

            var analytics = await Eventually.UntilAsync("both orders in the analytics", () => AnalyticsAsync(shop.Client), a => a.Orders == 2, TimeSpan.FromSeconds(60), cancellationToken: Ct);
            analytics.Revenue.Should().Be(24.90m * 2 + 8.50m + 39.00m);
            var redis = await ConnectionMultiplexer.ConnectAsync(shop.RedisAddress);
            await using (redis)
            {
                points = await Eventually.UntilAsync("alice's loyalty points", () => RedisLongAsync(redis, "{loyalty}:points:alice"), p => p > 0, TimeSpan.FromSeconds(60), cancellationToken: Ct);
                stock = await Eventually.UntilAsync("P1's stock change", () => RedisLongAsync(redis, "{inventory}:stock:P1"), s => s != 0, TimeSpan.FromSeconds(60), cancellationToken: Ct);
            }

            (await shop.StopAsync(Ct)).Should().Be(0, $"SIGTERM stops the shop gracefully\n{shop.Output}");
        }

        await using (var shop = await ShopProcess.StartAsync(_dataFolder, withoutRedisServer, Ct))
        {
            // The new Kafka mock started empty: the orders are published again from the database, and every consumer
            // skips them by its persisted marker. Wait until all of that is done before counting.
            var onTopic = await OrdersOnTopicAsync(shop.KafkaBootstrap, 2);
            onTopic.Should().BeEquivalentTo([first.OrderId, second.OrderId], "the empty mock's orders topic is rebuilt from the database");
            await Eventually.UntilAsync("every group to have read the republished orders", () => BacklogAsync(shop.Client), b => b.Drained, TimeSpan.FromSeconds(60), cancellationToken: Ct);

            var cart = await (await Send(shop.Client, HttpMethod.Get, "/cart", "carol")).ReadAsync<CartView>(Ct);
            cart.Items.Should().ContainSingle().Which.Should().Be(new OrderItem("P4", 3), "the cart was in Redis, which kept it");

            var analytics = await AnalyticsAsync(shop.Client);
            analytics.Orders.Should().Be(2, "the republished orders are not counted again");
            analytics.Revenue.Should().Be(24.90m * 2 + 8.50m + 39.00m, "revenue is kept, not back to 0, and not doubled by the republished orders");

            var retry = await PostAsync(shop.Client, "alice", "restart-1", ("P1", 2), ("P3", 1));
            retry.StatusCode.Should().Be(HttpStatusCode.OK, "the same Idempotency-Key after the restart is a retry, not a new order");
            (await retry.ReadAsync<OrderView>(Ct)).OrderId.Should().Be(first.OrderId);

            var redis = await ConnectionMultiplexer.ConnectAsync(shop.RedisAddress);
            await using (redis)
            {
                (await RedisLongAsync(redis, "{loyalty}:points:alice")).Should().Be(points, "loyalty points are kept");
                (await RedisLongAsync(redis, "{inventory}:stock:P1")).Should().Be(stock, "the stock is kept");
            }

            (await shop.StopAsync(Ct)).Should().Be(0);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a process being killed: the temporary folder is left behind.
        }
    }

    private static async Task<OrderView> PlaceAsync(HttpClient client, string user, string key, params (string Product, int Quantity)[] items)
    {
        var response = await PostAsync(client, user, key, items);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        return await response.ReadAsync<OrderView>(Ct);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string user, string key, params (string Product, int Quantity)[] items) =>
        ShopProbes.PostOrder(client, user, key, Ct, items);

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string url, string user, object? body = null) =>
        client.SendAsync(new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body, options: Json.Options) }.As(user), Ct);

    private static async Task<AnalyticsView> AnalyticsAsync(HttpClient client) =>
        await (await client.GetAsync("/analytics", Ct)).ReadAsync<AnalyticsView>(Ct);

    private static async Task<BacklogSnapshot> BacklogAsync(HttpClient client) =>
        await (await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/admin/backlog").AsAdmin(), Ct)).ReadAsync<BacklogSnapshot>(Ct);

    /// <summary>The order ids on <c>orders</c> of the shop's own Kafka mock, once at least <paramref name="count"/> are there (30 s at most).</summary>
    private static async Task<List<string>> OrdersOnTopicAsync(string bootstrap, int count)
    {
        var config = new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "restart-test-reader", EnableAutoCommit = false };
        using var consumer = new ConsumerBuilder<string, Ignore>(config).Build();
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var topic = await Eventually.UntilAsync(
            "the orders topic",
            () => Task.FromResult(admin.GetMetadata("orders", TimeSpan.FromSeconds(5)).Topics.Single()),
            t => t.Error.Code == ErrorCode.NoError && t.Partitions.Count > 0,
            TimeSpan.FromSeconds(30),
            cancellationToken: Ct);
        consumer.Assign(topic.Partitions.Select(p => new TopicPartitionOffset("orders", p.PartitionId, Offset.Beginning)));
        var keys = new List<string>();
        return await Eventually.UntilAsync(
            $"{count} orders on the orders topic",
            async () =>
            {
                while (await Task.Run(() => consumer.Consume(TimeSpan.FromMilliseconds(100)), Ct) is { } record)
                {
                    keys.Add(record.Message.Key);
                }

                return keys;
            },
            k => k.Count >= count,
            TimeSpan.FromSeconds(30),
            cancellationToken: Ct);
    }

    private static async Task<long> RedisLongAsync(IConnectionMultiplexer redis, string key) =>
        (long?)await redis.GetDatabase().StringGetAsync(key) ?? 0;

    private sealed record OrderView(string OrderId);
}
