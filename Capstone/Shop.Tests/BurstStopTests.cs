using System.Net;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workbook.Contracts.Orders;
using Workbook.Infrastructure.Testing;
using Workbook.Shop.Analytics;
using Workbook.Shop.Data;
using Workbook.Testing;
using Xunit;

namespace Workbook.Shop.Tests;

/// <summary>Step 5: stopping the workers host in the middle of a burst of orders loses none and applies none twice.</summary>
public sealed class BurstStopTests : IAsyncDisposable
{
    private const int Burst = 60;
    private const int StopAfterResponses = 20;
    private static readonly string[] Products = ["P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8"];

    private readonly ShopWorld _world;
    private readonly CountingSenders _senders = new();

    public BurstStopTests(RedisFixture redis, KafkaFixture kafka)
    {
        _world = new ShopWorld(redis, kafka, consumers: true);
        _world.ConfigureServices = _senders.Register;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stopping_the_workers_during_a_burst_of_orders_loses_no_accepted_order_and_applies_none_twice()
    {
        var api = _world.StartInstance(("role", "api"), ("Shop:RateLimitPermits", "100000"));
        _world.StartInstance(("role", "workers"));
        HostedServices(0).Should().NotContain(["OutboxRelay", "EmailWorker"], "the API instance runs no relay and no consumer: stopping the workers stops all of them");
        HostedServices(1).Should().Contain(["OutboxRelay", "EmailWorker", "SmsWorker", "InventoryWorker", "LoyaltyWorker", "AnalyticsWorker"]);

        // The workers are consuming (every group has joined and applied an order) before the burst starts.
        var warmUp = await (await ShopProbes.PostOrder(api, "burst-0", "warm-up", Ct, ("P1", 1))).ReadAsync<Order>(Ct);
        await Eventually.UntilAsync(
            "the warm-up order to reach every consumer",
            async () => (_senders.Emails.Count, _senders.Texts.Count, await ShopProbes.StockAsync(_world, "P1"), await ShopProbes.PointsAsync(_world, "burst-0"), (await AnalyticsAsync(api)).Revenue),
            s => s == (1, 1, -1, 249, 24.90m),
            TimeSpan.FromSeconds(30),
            cancellationToken: Ct);

        // Every 10th request names an unknown product next to a real one: rejected whole, nothing of it may be applied.
        var responses = 0;
        var stopNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, Burst).Select(i => Task.Run(
            async () =>
            {
                (string Product, int Quantity)[] items = i % 10 == 9 ? [("P1", 1), ("P404", 1)] : [(Products[i % Products.Length], 1 + (i % 3))];
                using var response = await ShopProbes.PostOrder(api, $"burst-{i % 7}", $"burst-{i}", Ct, items);
                var order = response.IsSuccessStatusCode ? await response.ReadAsync<Order>(Ct) : null;
                if (Interlocked.Increment(ref responses) == StopAfterResponses)
                {
                    stopNow.TrySetResult();
                }

                return (Index: i, response.StatusCode, Order: order);
            },
            Ct)).ToArray();

        await stopNow.Task.WaitAsync(Ct);
        await _world.StopInstanceAsync(1);
        var results = await Task.WhenAll(requests);
        _world.StartInstance(("role", "workers"));

        foreach (var (index, status, _) in results)
        {
            status.Should().Be(index % 10 == 9 ? HttpStatusCode.NotFound : HttpStatusCode.Created, $"order burst-{index} goes to the API instance, which keeps running while the workers stop");
        }

        var accepted = results.Where(r => r.Order is not null).Select(r => r.Order!).Append(warmUp).ToList();
        await using (var scope = _world.Services(0).CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
            (await db.Orders.Select(o => o.Id).ToListAsync(Ct)).Should().BeEquivalentTo(accepted.Select(o => o.OrderId), "exactly the accepted orders are in the database");
            await Eventually.UntilAsync(
                "the restarted relay to publish the whole outbox",
                () => db.OutboxMessages.CountAsync(m => m.PublishedAtUtc == null, Ct),
                pending => pending == 0,
                TimeSpan.FromSeconds(30),
                cancellationToken: Ct);
        }

        var stock = Products.ToDictionary(p => p, p => -accepted.SelectMany(o => o.Items).Where(i => i.ProductId == p).Sum(i => (long)i.Quantity));
        var points = accepted.GroupBy(o => o.UserId).ToDictionary(g => g.Key, g => g.Sum(o => (long)Math.Floor(o.Total * 10)));
        var revenue = accepted.Sum(o => o.Total);
        await Eventually.UntilAsync(
            $"every consumer to apply all {accepted.Count} accepted orders",
            async () => (_senders.Emails.Count, _senders.Texts.Count, (await AnalyticsAsync(api)).Revenue),
            s => s == (accepted.Count, accepted.Count, revenue),
            TimeSpan.FromSeconds(30),
            cancellationToken: Ct);

        // Every group has now committed past the last record of each partition (duplicates from the relay included).
        var records = await _world.KafkaScope.ReadAsync("orders", r => accepted.All(o => r.Any(x => x.Message.Key == o.OrderId)), TimeSpan.FromSeconds(20), cancellationToken: Ct);
        foreach (var last in records.GroupBy(r => r.Partition).Select(g => g.MaxBy(r => r.Offset.Value)!))
        {
            await ShopProbes.AllGroupsPastAsync(_world, last.TopicPartitionOffset, Ct);
        }

        _senders.Emails.Should().BeEquivalentTo(accepted.ToDictionary(o => o.OrderId, _ => 1), "one e-mail per accepted order, none for a rejected one");
        _senders.Texts.Should().BeEquivalentTo(accepted.ToDictionary(o => o.OrderId, _ => 1), "one SMS per accepted order, none for a rejected one");
        foreach (var (product, expected) in stock)
        {
            (await ShopProbes.StockAsync(_world, product)).Should().Be(expected, $"stock of {product} drops by the accepted orders' quantities exactly once");
        }

        foreach (var (user, expected) in points)
        {
            (await ShopProbes.PointsAsync(_world, user)).Should().Be(expected, $"{user}'s points are credited once per accepted order");
        }

        var analytics = await AnalyticsAsync(api);
        analytics.Revenue.Should().Be(revenue, "each accepted order counts once in revenue");
        analytics.TopProducts.Should().BeEquivalentTo(stock.Where(s => s.Value != 0).Select(s => new ProductUnits(s.Key, -s.Value)), "units sold count each accepted order once");
    }

    private IEnumerable<string> HostedServices(int instance) =>
        _world.Services(instance).GetServices<IHostedService>().Select(s => s.GetType().Name);

    private static async Task<AnalyticsView> AnalyticsAsync(HttpClient client) =>
        await (await client.GetAsync("/analytics", Ct)).ReadAsync<AnalyticsView>(Ct);

    public ValueTask DisposeAsync() => _world.DisposeAsync();
}
