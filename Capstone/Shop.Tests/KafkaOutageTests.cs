using System.Net;
using FluentAssertions;
using Workbook.Contracts.Orders;
using Workbook.Infrastructure.Testing;
using Workbook.Testing;
using Xunit;

namespace Workbook.Shop.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KafkaOutage
{
    /// <summary>Tests that take every mock broker down run alone: the mock cluster is shared by the whole run.</summary>
    public const string Name = "Kafka outage";
}

/// <summary>Step 5: the outbox keeps orders while Kafka is down and publishes them after it recovers.</summary>
[Collection(KafkaOutage.Name)]
public sealed class KafkaOutageTests : IAsyncDisposable
{
    private readonly ShopWorld _world;
    private readonly CountingSenders _senders = new();

    public KafkaOutageTests(RedisFixture redis, KafkaFixture kafka)
    {
        _world = new ShopWorld(redis, kafka, consumers: true);
        _world.ConfigureServices = _senders.Register;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_Kafka_down_an_order_is_accepted_and_reaches_every_consumer_after_recovery()
    {
        Assert.SkipUnless(_world.KafkaBackend.IsMock, $"Needs librdkafka's mock cluster to take the brokers down; this run uses {_world.KafkaBackend.Description}");
        var client = _world.StartInstance();
        var mock = _world.KafkaBackend.Mock!;
        mock.SetBrokerDown(-1);
        Order order;
        try
        {
            var response = await OrderTests.PostOrder(client, "nia", "outage");
            response.StatusCode.Should().Be(HttpStatusCode.Created, "the order only needs the database; Kafka gets it from the outbox");
            order = await response.ReadAsync<Order>(Ct);
        }
        finally
        {
            mock.SetBrokerUp(-1);
        }

        var records = await _world.KafkaScope.ReadAsync("orders", r => r.Any(x => x.Message.Key == order.OrderId), TimeSpan.FromSeconds(30), cancellationToken: Ct);
        records.Where(r => r.Message.Key == order.OrderId).Should().NotBeEmpty("the relay publishes the outbox row once Kafka is back");

        await Eventually.UntilAsync(
            "every consumer to apply the order",
            async () => (
                Email: _senders.Emails.GetValueOrDefault(order.OrderId),
                Sms: _senders.Texts.GetValueOrDefault(order.OrderId),
                Stock: await ShopProbes.StockAsync(_world, "P1"),
                Points: await ShopProbes.PointsAsync(_world, "nia"),
                Revenue: (await (await client.GetAsync("/analytics", Ct)).ReadAsync<Analytics.AnalyticsView>(Ct)).Revenue),
            s => s == (1, 1, -2, 583, 58.30m),
            TimeSpan.FromSeconds(30),
            cancellationToken: Ct);
    }

    public ValueTask DisposeAsync() => _world.DisposeAsync();
}
