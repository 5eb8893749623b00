using System.Net;
using FluentAssertions;
using Workbook.Infrastructure.Testing;
using Workbook.Shop.Telemetry;
using Workbook.Testing;
using Xunit;

namespace Workbook.Shop.Tests;

/// <summary><c>GET /admin/backlog</c> as the tests read it.</summary>
internal sealed record BacklogView(DateTimeOffset? SampledAt, long OutboxBacklog, IReadOnlyList<GroupLag> ConsumerLag, long DeadLetters, bool Drained);

/// <summary>Step 7: the backlog monitor's outbox backlog and consumer lag, at <c>/admin/backlog</c> and as gauges.</summary>
public sealed class BacklogTests(RedisFixture redis, KafkaFixture kafka) : IAsyncDisposable
{
    private readonly ShopWorld _world = new(redis, kafka, consumers: false);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_group_lags_by_the_orders_published_while_consumers_are_off_and_drains_once_they_run()
    {
        var api = _world.StartInstance(("Shop:BacklogSampleInterval", MetricsTests.FastSampling));
        for (var i = 1; i <= 3; i++)
        {
            (await ShopProbes.PostOrder(api, "lou", $"l{i}", Ct, ("P5", 1))).StatusCode.Should().Be(HttpStatusCode.Created);
        }

        var lagging = await Eventually.UntilAsync(
            "the relay to publish all three orders",
            () => BacklogAsync(api),
            b => b.OutboxBacklog == 0 && b.ConsumerLag.Count > 0 && b.ConsumerLag.All(g => g.Lag == 3),
            cancellationToken: Ct);
        lagging.ConsumerLag.Select(g => g.Group).Should().BeEquivalentTo(BacklogMonitor.Groups, "every consumer group of orders is watched");
        lagging.Drained.Should().BeFalse();
        var scrape = await PrometheusText.ScrapeAsync(api, Ct);
        foreach (var group in BacklogMonitor.Groups)
        {
            scrape.Value("shop_kafka_consumer_lag", ("group", group)).Should().Be(3, $"{group} has read none of the 3 published orders");
        }

        scrape.Value("shop_outbox_backlog").Should().Be(0);

        _world.StartInstance(("role", "workers"), ("Shop:RunConsumers", "true"));
        var drained = await Eventually.UntilAsync(
            "every group to catch up",
            () => BacklogAsync(api),
            b => b.Drained,
            TimeSpan.FromSeconds(45),
            cancellationToken: Ct);
        drained.ConsumerLag.Should().OnlyContain(g => g.Lag == 0);
        await Eventually.UntilAsync(
            "every shop_kafka_consumer_lag gauge at 0",
            async () => (await PrometheusText.ScrapeAsync(api, Ct)).Series("shop_kafka_consumer_lag").Select(s => s.Value).ToList(),
            lags => lags.Count == BacklogMonitor.Groups.Count && lags.All(l => l == 0),
            cancellationToken: Ct);
    }

    internal static async Task<BacklogView> BacklogAsync(HttpClient client)
    {
        using var response = await client.SendAsync(Json.Request(HttpMethod.Get, "/admin/backlog").AsAdmin(), Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.ReadAsync<BacklogView>(Ct);
    }

    public ValueTask DisposeAsync() => _world.DisposeAsync();
}

/// <summary>The outbox backlog while every mock broker is down: runs alone, since the mock is shared.</summary>
[Collection(KafkaOutage.Name)]
public sealed class OutboxBacklogOutageTests(RedisFixture redis, KafkaFixture kafka) : IAsyncDisposable
{
    private readonly ShopWorld _world = new(redis, kafka, consumers: false);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_outbox_backlog_gauge_counts_orders_held_while_Kafka_is_down_and_returns_to_zero()
    {
        Assert.SkipUnless(_world.KafkaBackend.IsMock, $"Needs librdkafka's mock cluster to take the brokers down; this run uses {_world.KafkaBackend.Description}");
        var client = _world.StartInstance(("Shop:BacklogSampleInterval", MetricsTests.FastSampling));
        await Eventually.UntilAsync("a first full backlog sample", () => BacklogTests.BacklogAsync(client), b => b.SampledAt is not null, cancellationToken: Ct);
        var mock = _world.KafkaBackend.Mock!;
        mock.SetBrokerDown(-1);
        try
        {
            (await ShopProbes.PostOrder(client, "oz", "o1", Ct, ("P7", 1))).StatusCode.Should().Be(HttpStatusCode.Created);
            (await ShopProbes.PostOrder(client, "oz", "o2", Ct, ("P7", 1))).StatusCode.Should().Be(HttpStatusCode.Created);
            await Eventually.UntilAsync(
                "shop_outbox_backlog to count both held orders",
                async () => (await PrometheusText.ScrapeAsync(client, Ct)).Value("shop_outbox_backlog"),
                backlog => backlog == 2,
                TimeSpan.FromSeconds(45),
                cancellationToken: Ct);
        }
        finally
        {
            mock.SetBrokerUp(-1);
        }

        await Eventually.UntilAsync(
            "shop_outbox_backlog back to 0 after the relay published",
            async () => (await PrometheusText.ScrapeAsync(client, Ct)).Value("shop_outbox_backlog"),
            backlog => backlog == 0,
            TimeSpan.FromSeconds(60),
            cancellationToken: Ct);
    }

    public ValueTask DisposeAsync() => _world.DisposeAsync();
}
