using System.Net;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbook.Contracts.Orders;
using Workbook.Infrastructure.Testing;
using Workbook.Shop.Data;
using Workbook.Testing;
using Xunit;

namespace Workbook.Shop.Tests;

/// <summary>The outbox relay publishes in batches; a send that fails in the middle of a batch loses nothing.</summary>
[Collection(KafkaOutage.Name)]
public sealed class OutboxBatchTests : IAsyncDisposable
{
    private const int Orders = 30;
    private readonly ShopWorld _world;
    private readonly CountingSenders _senders = new();

    public OutboxBatchTests(RedisFixture redis, KafkaFixture kafka)
    {
        _world = new ShopWorld(redis, kafka, consumers: true);
        _world.ConfigureServices = _senders.Register;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_batch_with_one_broker_down_stamps_what_Kafka_acknowledged_and_publishes_the_rest_after_recovery()
    {
        Assert.SkipUnless(_world.KafkaBackend.IsMock, $"Needs librdkafka's mock cluster to take a broker down; this run uses {_world.KafkaBackend.Description}");
        var client = _world.StartInstance();
        var mock = _world.KafkaBackend.Mock!;
        var topic = _world.Kafka.Topic("orders");
        // Each broker leads one partition, so with broker 1 down about a third of the keys cannot be written.
        for (var partition = 0; partition < 3; partition++)
        {
            mock.SetPartitionLeader(topic, partition, partition + 1);
        }

        // Every broker down while the orders come in: the relay's next batch after recovery holds all of them, with the
        // rows of broker 1's partition scattered through it.
        var ids = new List<string>();
        mock.SetBrokerDown(-1);
        try
        {
            for (var i = 0; i < Orders; i++)
            {
                var response = await ShopProbes.PostOrder(client, $"batch-{i}", "k", Ct, ("P1", 1));
                response.StatusCode.Should().Be(HttpStatusCode.Created);
                ids.Add((await response.ReadAsync<Order>(Ct)).OrderId);
            }

            mock.SetBrokerUp(2);
            mock.SetBrokerUp(3);
            var partial = await Eventually.UntilAsync(
                "the relay to stamp the rows brokers 2 and 3 acknowledged and leave broker 1's unstamped",
                OutboxAsync,
                s => s.Stamped > 0 && s.Pending > 0 && s.Stamped + s.Pending == Orders && s.FirstPending < s.LastStamped,
                TimeSpan.FromSeconds(60),
                cancellationToken: Ct);
            partial.FirstPending.Should().BeLessThan(partial.LastStamped, "rows after a failed send in the batch are stamped too, not only a prefix");
        }
        finally
        {
            mock.SetBrokerUp(-1);
        }

        await Eventually.UntilAsync("every outbox row to be stamped", OutboxAsync, s => s.Pending == 0, TimeSpan.FromSeconds(90), cancellationToken: Ct);
        var records = await _world.KafkaScope.ReadAsync("orders", r => ids.All(id => r.Any(x => x.Message.Key == id)), TimeSpan.FromSeconds(30), cancellationToken: Ct);
        records.Select(r => r.Message.Key).Should().Contain(ids, "no order of the failed sends is lost");

        await Eventually.UntilAsync(
            "every consumer to apply every order exactly once",
            async () => (
                Emails: ids.Count(id => _senders.Emails.GetValueOrDefault(id) == 1),
                Texts: ids.Count(id => _senders.Texts.GetValueOrDefault(id) == 1),
                Stock: await ShopProbes.StockAsync(_world, "P1")),
            s => s == (Orders, Orders, -Orders),
            TimeSpan.FromSeconds(60),
            cancellationToken: Ct);
    }

    private async Task<(int Stamped, int Pending, long FirstPending, long LastStamped)> OutboxAsync()
    {
        await using var scope = _world.Services().CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDbContext>();
        var rows = await db.OutboxMessages.AsNoTracking().Select(m => new { m.Id, Stamped = m.PublishedAtUtc != null }).ToListAsync(Ct);
        var stamped = rows.Where(r => r.Stamped).Select(r => r.Id).ToList();
        var pending = rows.Where(r => !r.Stamped).Select(r => r.Id).ToList();
        return (stamped.Count, pending.Count, pending.DefaultIfEmpty(long.MaxValue).Min(), stamped.DefaultIfEmpty(long.MinValue).Max());
    }

    public ValueTask DisposeAsync() => _world.DisposeAsync();
}
