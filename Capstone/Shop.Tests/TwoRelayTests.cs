using System.Net;
using Confluent.Kafka;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbook.Infrastructure.Testing;
using Workbook.Shop.Data;
using Workbook.Testing;
using Xunit;

namespace Workbook.Shop.Tests;

/// <summary>
/// Hostile case "two instances double-publish": two full instances on one database each run an outbox relay. Each
/// outbox row must reach <c>orders</c> exactly once, counted by reading the whole topic. Its own class (not a part of
/// <c>HostileClientTests</c>): it needs a world of two relay instances with small batches, which no other case wants.
/// </summary>
public sealed class TwoRelayTests(RedisFixture redis, KafkaFixture kafka) : IAsyncDisposable
{
    private const int Orders = 100;

    private readonly ShopWorld _world = new(redis, kafka);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 120_000)]
    public async Task Two_relays_on_one_database_publish_each_order_exactly_once()
    {
        // Small batches keep both relays busy while the orders arrive, so they compete for the same pending rows.
        (string, string?)[] settings = [("Shop:OutboxBatchSize", "5"), ("Shop:RateLimitPermits", "100000")];
        HttpClient[] instances = [_world.StartInstance(settings), _world.StartInstance(settings)];

        var placed = await Task.WhenAll(Enumerable.Range(1, Orders).Select(async n =>
        {
            using var response = await ShopProbes.PostOrder(instances[n % 2], $"relay-user-{n % 7}", $"relay-key-{n}", Ct, ("P1", 1 + (n % 3)));
            response.StatusCode.Should().Be(HttpStatusCode.Created);
            return (await response.ReadAsync<Contracts.Orders.Order>(Ct)).OrderId;
        }));

        await Eventually.UntilAsync("every outbox row stamped as published", UnpublishedAsync, left => left == 0, TimeSpan.FromSeconds(60), cancellationToken: Ct);

        var onTopic = await ReadWholeTopicAsync("orders");
        var counts = onTopic.GroupBy(key => key).ToDictionary(g => g.Key, g => g.Count());
        counts.Keys.Should().BeEquivalentTo(placed, "every placed order is on the topic, and nothing else");
        counts.Where(c => c.Value > 1).Should().BeEmpty("no order is published by both relays");
        onTopic.Should().HaveCount(Orders);

        var relays = await RelaysThatPublishedAsync();
        relays.Should().HaveCount(2, "both relays took part (else the test proved nothing about two relays)");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_database_made_before_the_claim_columns_gets_them_at_start_and_its_orders_are_relayed()
    {
        _world.StartInstance();
        await _world.StopInstanceAsync();
        await using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_world.DatabasePath}"))
        {
            await old.OpenAsync(Ct);
            await using var drop = old.CreateCommand();
            drop.CommandText = """ALTER TABLE "OutboxMessages" DROP COLUMN "ClaimedBy"; ALTER TABLE "OutboxMessages" DROP COLUMN "ClaimedUntilUtc";""";
            await drop.ExecuteNonQueryAsync(Ct);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var client = _world.StartInstance();
        (await ShopProbes.PostOrder(client, "legacy", "legacy-1", Ct, ("P2", 1))).StatusCode.Should().Be(HttpStatusCode.Created);
        await Eventually.UntilAsync("the order relayed", UnpublishedAsync, left => left == 0, TimeSpan.FromSeconds(30), cancellationToken: Ct);
        (await RelaysThatPublishedAsync()).Should().ContainSingle("the relay claimed the row in the added column");
    }

    private async Task<int> UnpublishedAsync()
    {
        await using var scope = _world.Services().CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ShopDbContext>().OutboxMessages.CountAsync(m => m.PublishedAtUtc == null, Ct);
    }

    private async Task<List<string>> RelaysThatPublishedAsync()
    {
        await using var scope = _world.Services().CreateAsyncScope();
        var claims = await scope.ServiceProvider.GetRequiredService<ShopDbContext>().OutboxMessages.Select(m => m.ClaimedBy).ToListAsync(Ct);
        return [.. claims.OfType<string>().Select(claim => claim.Split('/')[0]).Distinct()];
    }

    /// <summary>Every record key on the topic, read from the start of each partition up to its high watermark.</summary>
    private async Task<List<string>> ReadWholeTopicAsync(string name)
    {
        var topic = _world.Kafka.Topic(name);
        var config = _world.Kafka.ApplyTo(new ConsumerConfig { GroupId = "unused-reader", EnableAutoCommit = false });
        using var consumer = new ConsumerBuilder<string, Ignore>(config).Build();
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions
            .Select(p => new TopicPartition(topic, p.PartitionId)).ToList();
        var ends = partitions.ToDictionary(p => p.Partition.Value, p => consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).High.Value);
        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));

        var keys = new List<string>();
        var positions = partitions.ToDictionary(p => p.Partition.Value, _ => 0L);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (positions.Any(p => p.Value < ends[p.Key]))
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the topic is read up to its high watermarks within 30 s");
            var record = await Task.Run(() => consumer.Consume(TimeSpan.FromMilliseconds(200)), Ct);
            if (record is null)
            {
                continue;
            }

            keys.Add(record.Message.Key);
            positions[record.Partition.Value] = record.Offset.Value + 1;
        }

        return keys;
    }

    public ValueTask DisposeAsync() => _world.DisposeAsync();
}
