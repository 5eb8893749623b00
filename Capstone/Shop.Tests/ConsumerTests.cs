using System.Net;
using System.Text.Json;
using Confluent.Kafka;
using FluentAssertions;
using Workbook.Contracts;
using Workbook.Contracts.Orders;
using Workbook.Infrastructure.Testing;
using Workbook.Shop.Admin;
using Workbook.Shop.Analytics;
using Workbook.Shop.Consumers;
using Workbook.Testing;
using Xunit;

namespace Workbook.Shop.Tests;

/// <summary>Step 5: the Email, SMS, Inventory, Loyalty and Analytics consumers apply each order once; dead letters are listed and replayed.</summary>
public sealed class ConsumerTests : IAsyncDisposable
{
    private readonly ShopWorld _world;
    private readonly CountingSenders _senders = new();

    public ConsumerTests(RedisFixture redis, KafkaFixture kafka)
    {
        _world = new ShopWorld(redis, kafka, consumers: true);
        _world.ConfigureServices = _senders.Register;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_consumer_applies_a_relayed_order_once_even_when_it_is_delivered_twice()
    {
        var client = _world.StartInstance();
        var order = await (await ShopProbes.PostOrder(client, "quinn", "q1", Ct, ("P1", 2), ("P3", 1))).ReadAsync<Order>(Ct);
        var relayed = await OnOrdersAsync(order.OrderId, 1);

        // At least once: publish the same event again (as a relay crash between ack and stamp would).
        var again = await _world.KafkaScope.ProduceRawAsync("orders", order.OrderId, JsonSerializer.Serialize(order, WorkbookJson.Options), relayed[0].Partition.Value);
        await ShopProbes.AllGroupsPastAsync(_world, again, Ct);

        _senders.Emails.Should().Equal(new Dictionary<string, int> { [order.OrderId] = 1 }, "one confirmation e-mail per order");
        _senders.Texts.Should().Equal(new Dictionary<string, int> { [order.OrderId] = 1 }, "one SMS per order");
        (await ShopProbes.StockAsync(_world, "P1")).Should().Be(-2, "2 units of P1 left stock once");
        (await ShopProbes.StockAsync(_world, "P3")).Should().Be(-1);
        (await ShopProbes.PointsAsync(_world, "quinn")).Should().Be(583, "floor(58.30 × 10) points, credited once");
        var analytics = await (await client.GetAsync("/analytics", Ct)).ReadAsync<AnalyticsView>(Ct);
        analytics.Revenue.Should().Be(58.30m, "the order counts once in revenue");
    }

    [Fact]
    public async Task A_failing_SMS_goes_to_the_DLQ_and_a_replay_after_recovery_sends_it_exactly_once()
    {
        _senders.SmsFails = true;
        var client = _world.StartInstance();
        var order = await (await ShopProbes.PostOrder(client, "rita", "r1", Ct, ("P2", 1))).ReadAsync<Order>(Ct);

        var letters = await ShopProbes.DeadLettersAsync(client, 1, "the order in orders.dlq", Ct);
        var letter = letters.Should().ContainSingle().Subject;
        letter.OrderId.Should().Be(order.OrderId);
        letter.ConsumerGroup.Should().Be(_world.Kafka.GroupId(SmsConsumer.GroupName), "only the SMS consumer gave up");
        letter.Headers.Should().Contain(new DeadLetterHeader(DeadLetterHeaders.Attempts, "3"), "it was tried ConsumerMaxAttempts (3) times");
        _senders.SmsAttempts.Should().Be(3);
        _senders.Texts.Should().BeEmpty();
        await HostTests.ShouldBeProblem(await client.SendAsync(Json.Request(HttpMethod.Post, "/admin/dlq/9:999/replay").AsAdmin(), Ct), HttpStatusCode.NotFound);

        _senders.SmsFails = false;
        var first = await (await client.SendAsync(Json.Request(HttpMethod.Post, $"/admin/dlq/{letter.Id}/replay").AsAdmin(), Ct)).ReadAsync<ReplayResult>(Ct);
        var second = await (await client.SendAsync(Json.Request(HttpMethod.Post, $"/admin/dlq/{letter.Id}/replay").AsAdmin(), Ct)).ReadAsync<ReplayResult>(Ct);
        await ShopProbes.AllGroupsPastAsync(_world, Position(first), Ct);
        await ShopProbes.AllGroupsPastAsync(_world, Position(second), Ct);

        _senders.Texts.Should().Equal(new Dictionary<string, int> { [order.OrderId] = 1 }, "the replays send the SMS exactly once");
        _senders.Emails.Should().Equal(new Dictionary<string, int> { [order.OrderId] = 1 }, "the e-mail consumer skips the replayed order");
        (await ShopProbes.StockAsync(_world, "P2")).Should().Be(-1, "inventory skips the replayed order");
        (await ShopProbes.PointsAsync(_world, "rita")).Should().Be(390, "loyalty skips the replayed order");
        var analytics = await (await client.GetAsync("/analytics", Ct)).ReadAsync<AnalyticsView>(Ct);
        analytics.Revenue.Should().Be(39.00m, "analytics skips the replayed order");
    }

    [Fact]
    public async Task A_record_that_is_not_an_order_is_dead_lettered_by_every_group_and_listed_without_an_order_id()
    {
        var client = _world.StartInstance();
        await _world.KafkaScope.ProduceRawAsync("orders", "junk", "this is not JSON");

        var letters = await ShopProbes.DeadLettersAsync(client, ShopProbes.Groups.Length, "five dead letters", Ct);
        letters.Select(l => l.ConsumerGroup).Should().BeEquivalentTo(ShopProbes.Groups.Select(_world.Kafka.GroupId), "each group gives up on the poison record once");
        letters.Should().AllSatisfy(l =>
        {
            l.OrderId.Should().BeNull("the value is not an order");
            l.Key.Should().Be("junk");
            l.Headers.Should().Contain(new DeadLetterHeader(DeadLetterHeaders.Attempts, "1"), "a record that cannot be parsed is not retried");
        });
        letters.Select(l => l.Id).Should().OnlyHaveUniqueItems().And.AllSatisfy(id => id.Should().MatchRegex("^[0-9]+:[0-9]+$"));
    }

    [Fact]
    public async Task A_graceful_stop_commits_what_was_processed_and_a_restart_repeats_nothing()
    {
        var client = _world.StartInstance();
        var order = await (await ShopProbes.PostOrder(client, "sam", "s1", Ct, ("P4", 1))).ReadAsync<Order>(Ct);
        var record = (await OnOrdersAsync(order.OrderId, 1))[0];
        await AppliedAsync(client, "sam", "P4", -1, 790, order.OrderId);

        await _world.StopInstanceAsync();
        foreach (var group in ShopProbes.Groups)
        {
            (await ShopProbes.CommittedAsync(_world, group, record.TopicPartition)).Should().BeGreaterThan(record.Offset.Value, $"{group} commits what it processed when the host stops");
        }

        client = _world.StartInstance();
        var next = await (await ShopProbes.PostOrder(client, "sam", "s2", Ct, ("P4", 1))).ReadAsync<Order>(Ct);
        await AppliedAsync(client, "sam", "P4", -2, 1580, next.OrderId);
        _senders.Emails.Should().Equal(new Dictionary<string, int> { [order.OrderId] = 1, [next.OrderId] = 1 }, "the restarted consumers did not read the first order again");
    }

    private Task AppliedAsync(HttpClient client, string user, string product, long stock, long points, string orderId) => Eventually.UntilAsync(
        $"every consumer to apply {orderId}",
        async () => (
            Email: _senders.Emails.GetValueOrDefault(orderId),
            Sms: _senders.Texts.GetValueOrDefault(orderId),
            Stock: await ShopProbes.StockAsync(_world, product),
            Points: await ShopProbes.PointsAsync(_world, user),
            Units: (await (await client.GetAsync("/analytics", Ct)).ReadAsync<AnalyticsView>(Ct)).TopProducts.SingleOrDefault()?.Units ?? 0),
        s => s == (1, 1, stock, points, -stock),
        TimeSpan.FromSeconds(30),
        cancellationToken: Ct);

    private TopicPartitionOffset Position(ReplayResult replay)
    {
        var parts = replay.OrdersPosition.Split(':');
        return new TopicPartitionOffset(_world.Kafka.Topic("orders"), int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<List<TopicPartitionOffset>> OnOrdersAsync(string orderId, int count)
    {
        var records = await _world.KafkaScope.ReadAsync("orders", r => r.Count(x => x.Message.Key == orderId) >= count, TimeSpan.FromSeconds(20), cancellationToken: Ct);
        return [.. records.Where(r => r.Message.Key == orderId).Select(r => r.TopicPartitionOffset)];
    }

    public ValueTask DisposeAsync() => _world.DisposeAsync();
}
