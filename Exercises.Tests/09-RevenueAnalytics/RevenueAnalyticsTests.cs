using System.Text;
using Workbook.Infrastructure.Testing;

namespace Workbook.Exercises.Tests.Lesson09;

[Lesson("09", Level.Advanced, Skill.Kafka)]
public sealed class RevenueAnalyticsTests(KafkaFixture kafka, RedisFixture redis) : KafkaTest(kafka, redis)
{
    private KafkaOptions Options => Kafka.Options;

    [KafkaFact]
    [Rubric(Rubric.StreamProcessing)]
    public async Task Seed_example_gives_P1_50_and_P2_20_and_the_revenue_topic_ends_at_those_totals()
    {
        await SalesStream.CreateTopicsAsync(Kafka, Cancellation);
        using (var producer = new SalesProducer(Options))
        {
            foreach (var sale in SalesStream.SeedSales)
            {
                await producer.SendAsync(sale, Cancellation);
            }
        }

        using var analytics = new RevenueAnalytics(Options, Db);
        await using var run = BackgroundRun.Start(analytics.ProcessAsync, Cancellation);
        var updates = await Kafka.ReadAsync(RevenueAnalytics.OutputTopic, records => records.Count >= 3, TimeSpan.FromSeconds(20), [run.Task], Cancellation);

        (await analytics.GetTotalRevenueAsync("P1")).Should().Be(50.0m, "RevenueAnalytics.GetTotalRevenueAsync(\"P1\") should be 50.0 once ProcessAsync applied the seed's sales of P1, 2 x 10.0 + 3 x 10.0");
        (await analytics.GetTotalRevenueAsync("P2")).Should().Be(20.0m, "RevenueAnalytics.GetTotalRevenueAsync(\"P2\") should be 20.0 once ProcessAsync applied the seed's sale of P2, 1 x 20.0");
        (await analytics.GetTotalRevenueAsync("P3")).Should().Be(0m, "RevenueAnalytics.GetTotalRevenueAsync(\"P3\") should be 0 for a product never sold");
        (await analytics.GetAllTotalsAsync()).Should().BeEquivalentTo(new Dictionary<string, decimal> { ["P1"] = 50.0m, ["P2"] = 20.0m }, "RevenueAnalytics.GetAllTotalsAsync should hold the seed's two products, P1 50.0 and P2 20.0, and nothing else");
        updates.Should().AllSatisfy(r => r.Message.Value.Should().Contain("\"product_id\"", "RevenueAnalytics.ProcessAsync's updates on revenue use the seed's snake_case JSON").And.Contain("\"total_revenue\"", "RevenueAnalytics.ProcessAsync's updates on revenue use the seed's snake_case JSON"));
        updates.Should().AllSatisfy(r => r.Message.Key.Should().Be(SalesStream.Parse(r).ProductId, "RevenueAnalytics.ProcessAsync should key each update on revenue by its product id"));
        updates.Select(SalesStream.Parse).Where(u => u.ProductId == "P1").Select(u => u.TotalRevenue).Should().Equal([20.0m, 50.0m], "RevenueAnalytics.ProcessAsync should write one update to revenue per sale, each with the product's running total: P1 20.0, then 50.0");
        updates.Select(SalesStream.Parse).Where(u => u.ProductId == "P2").Select(u => u.TotalRevenue).Should().Equal([20.0m], "RevenueAnalytics.ProcessAsync should write one update to revenue for P2's one sale: 20.0");
    }

    [KafkaFact]
    [Rubric(Rubric.ComplexAggregations)]
    public async Task Money_is_exact_decimal_where_doubles_drift()
    {
        await SalesStream.CreateTopicsAsync(Kafka, Cancellation);
        Sale[] sales =
        [
            .. Enumerable.Range(0, 1000).SelectMany(_ => new Sale[] { new("P", 1, 0.1m), new("P", 1, 0.2m) }),
            .. Enumerable.Repeat(new Sale("TINY", 3, 0.00000001m), 7),
        ];
        await SalesStream.SendAllAsync(Options, sales, Cancellation);

        using var analytics = new RevenueAnalytics(Options, Db);
        await using var run = BackgroundRun.Start(analytics.ProcessAsync, Cancellation);
        var expected = new Dictionary<string, decimal> { ["P"] = 300.0m, ["TINY"] = 0.00000021m };
        var totals = await SalesStream.TotalsReachedAsync(analytics, expected, [run.Task], Cancellation);

        totals["P"].Should().Be(300.0m, "RevenueAnalytics should total P's 1000 x (0.1 + 0.2) as exactly 300 in decimal; money as a double (or HINCRBYFLOAT) gives 300.00000000000563 or so");
        totals["TINY"].Should().Be(0.00000021m, "RevenueAnalytics should total TINY's 7 x 3 x 0.00000001 exactly in decimal; micro-units or HINCRBYFLOAT lose it");
        var updates = await Kafka.ReadAsync(
            RevenueAnalytics.OutputTopic,
            records => records.Select(SalesStream.Parse).Any(u => u is { ProductId: "P", TotalRevenue: 300.0m }),
            TimeSpan.FromSeconds(20),
            [run.Task],
            Cancellation);
        updates.Select(SalesStream.Parse).Where(u => u.ProductId == "P").Max(u => u.TotalRevenue).Should().Be(300.0m, "RevenueAnalytics.ProcessAsync's last update for P on revenue should carry the exact total 300.0 too");
    }

    [KafkaFact]
    [Rubric(Rubric.StreamProcessing)]
    public async Task Malformed_sales_go_to_the_dead_letter_topic_and_processing_continues()
    {
        await SalesStream.CreateTopicsAsync(Kafka, Cancellation);
        string?[] malformed =
        [
            "not json at all",
            null,
            "null",
            """{"product_id":"","quantity":1,"price":1.0}""",
            """{"product_id":"P1","quantity":0,"price":1.0}""",
            """{"product_id":"P1","quantity":1,"price":-1.0}""",
            """{"product_id":"P1","quantity":1}""",
            """{"product_id":"P1","quantity":1,"price":"1.0"}""",
            """{"product_id":"P1","quantity":1.5,"price":1.0}""",
        ];
        var sources = new List<string>();
        foreach (var (value, i) in malformed.Select((value, i) => (value, i)))
        {
            var written = await Kafka.ProduceRawAsync(RevenueAnalytics.InputTopic, "P1", value!, partition: 0);
            sources.Add($"{written.Topic}:{written.Partition.Value}:{written.Offset.Value}");
            if (i == 0)
            {
                // The first record of the partition is malformed: nothing was applied from it before.
                await Kafka.ProduceRawAsync(RevenueAnalytics.InputTopic, "P1", """{"product_id":"P1","quantity":1,"price":1.5}""", partition: 0);
            }
        }

        await Kafka.ProduceRawAsync(RevenueAnalytics.InputTopic, "P1", """{"product_id":"P1","quantity":2,"price":0.25,"note":"extra fields are fine"}""", partition: 0);

        using var analytics = new RevenueAnalytics(Options, Db);
        await using var run = BackgroundRun.Start(analytics.ProcessAsync, Cancellation);
        var dead = await Kafka.ReadAsync(RevenueAnalytics.DeadLetterTopic, records => records.Count >= malformed.Length, TimeSpan.FromSeconds(20), [run.Task], Cancellation);
        await Eventually.UntilAsync($"RevenueAnalytics.ProcessAsync to apply the valid sale after the {malformed.Length} malformed ones on sales partition 0 (P1's total reaching 2.0): a poison message must not stop consumption", () => analytics.GetTotalRevenueAsync("P1"), total => total >= 2.0m, TimeSpan.FromSeconds(20), [run.Task], Cancellation);

        (await analytics.GetAllTotalsAsync()).Should().BeEquivalentTo(new Dictionary<string, decimal> { ["P1"] = 2.0m }, "only 1 x 1.5 and 2 x 0.25 are valid sales: ProcessAsync must not count a record with no value, a JSON null, a sale with an empty product, quantity 0 or 1.5, a negative, missing or string price");
        dead.Select(r => r.Message.Value).Should().Equal(malformed, "RevenueAnalytics.ProcessAsync should send each malformed record to sales.dlq unchanged, once, in order (the first one is the partition's first record, before any sale was applied from it; the second has no value at all)");
        dead.Select(r => $"{Header(r.Message.Headers, DeadLetterHeaders.SourceTopic)}:{Header(r.Message.Headers, DeadLetterHeaders.SourcePartition)}:{Header(r.Message.Headers, DeadLetterHeaders.SourceOffset)}")
            .Should().Equal(sources, "each dead letter on sales.dlq should carry the topic, partition and offset of the original in its dlq.source.* headers");
        dead.Should().AllSatisfy(r => Header(r.Message.Headers, DeadLetterHeaders.Error).Should().NotBeNullOrWhiteSpace("each dead letter on sales.dlq should say what was wrong in its dlq.error header"));
        dead.Should().AllSatisfy(r => Header(r.Message.Headers, DeadLetterHeaders.ConsumerGroup).Should().Be(Options.GroupId(RevenueAnalytics.GroupName), "each dead letter on sales.dlq should name the group that gave up in its dlq.consumer.group header"));
        run.Task.IsCompleted.Should().BeFalse("RevenueAnalytics.ProcessAsync should still be running after the malformed records: a poison message must not stop consumption");
    }

    [KafkaFact]
    [Rubric(Rubric.StreamProcessing)]
    public async Task Bad_arguments_are_rejected()
    {
        using var analytics = new RevenueAnalytics(Options, Db);

        (await FluentActions.Awaiting(() => analytics.GetTotalRevenueAsync("")).Should().ThrowAsync<ArgumentException>("RevenueAnalytics.GetTotalRevenueAsync(productId: \"\") must reject an empty product id"))
            .Which.ParamName.Should().Be("productId", "the ArgumentException from RevenueAnalytics.GetTotalRevenueAsync(productId: \"\") should name the parameter");
        (await FluentActions.Awaiting(() => analytics.GetTotalRevenueAsync(null!)).Should().ThrowAsync<ArgumentNullException>("RevenueAnalytics.GetTotalRevenueAsync(productId: null) must be rejected"))
            .Which.ParamName.Should().Be("productId", "the ArgumentNullException from RevenueAnalytics.GetTotalRevenueAsync(productId: null) should name the parameter");
        FluentActions.Invoking(() => new RevenueAnalytics(null!, Db)).Should().Throw<ArgumentNullException>("new RevenueAnalytics(options: null, redis) must be rejected")
            .Which.ParamName.Should().Be("options", "the ArgumentNullException from new RevenueAnalytics(options: null, redis) should name the parameter");
        FluentActions.Invoking(() => new RevenueAnalytics(Options, null!)).Should().Throw<ArgumentNullException>("new RevenueAnalytics(options, redis: null) must be rejected")
            .Which.ParamName.Should().Be("redis", "the ArgumentNullException from new RevenueAnalytics(options, redis: null) should name the parameter");
        FluentActions.Invoking(() => new RevenueAnalytics(Options with { BootstrapServers = "" }, Db)).Should().Throw<ArgumentException>("new RevenueAnalytics(options with BootstrapServers = \"\", redis) must reject options that name no broker");
        TimeSpan[] notPositive = [TimeSpan.Zero, TimeSpan.FromSeconds(-1)];
        foreach (var flushTimeout in notPositive)
        {
            FluentActions.Invoking(() => new RevenueAnalytics(Options, Db, flushTimeout)).Should().Throw<ArgumentOutOfRangeException>($"new RevenueAnalytics(options, redis, flushTimeout: {flushTimeout.TotalSeconds} s) must reject a flush bound that is not positive")
                .Which.ParamName.Should().Be("flushTimeout", $"the ArgumentOutOfRangeException from new RevenueAnalytics(options, redis, flushTimeout: {flushTimeout.TotalSeconds} s) should name the parameter");
        }

        (await RedisScope.KeysAsync()).Should().BeEmpty("the rejected GetTotalRevenueAsync calls and constructors must not write anything to Redis");
    }

    [KafkaFact]
    [Rubric(Rubric.StreamProcessing)]
    public async Task Invalid_sales_are_rejected_by_the_producer_and_never_written()
    {
        await SalesStream.CreateTopicsAsync(Kafka, Cancellation);
        using var producer = new SalesProducer(Options);
        Sale[] invalid = [new("", 1, 1m), new("  ", 1, 1m), new("P1", 0, 1m), new("P1", -1, 1m), new("P1", 1, -0.01m)];

        foreach (var sale in invalid)
        {
            (await FluentActions.Awaiting(() => producer.SendAsync(sale, Cancellation)).Should().ThrowAsync<ArgumentException>($"SalesProducer.SendAsync({Show(sale)}) must reject a sale with an empty product id, a quantity below 1 or a negative price"))
                .Which.ParamName.Should().Be("sale", $"the ArgumentException from SalesProducer.SendAsync({Show(sale)}) should name the parameter");
        }

        (await FluentActions.Awaiting(() => producer.SendAsync(null!, Cancellation)).Should().ThrowAsync<ArgumentNullException>("SalesProducer.SendAsync(sale: null) must be rejected"))
            .Which.ParamName.Should().Be("sale", "the ArgumentNullException from SalesProducer.SendAsync(sale: null) should name the parameter");
        await producer.SendAsync(new Sale("P1", 1, 0m), Cancellation);
        var written = await Kafka.ReadAsync(RevenueAnalytics.InputTopic, records => records.Count >= 1, TimeSpan.FromSeconds(10), cancellationToken: Cancellation);
        written.Select(r => $"{r.Message.Key}: {r.Message.Value}").Should().ContainSingle("SalesProducer.SendAsync calls that threw must write nothing to sales (validate before producing); only the valid sale after them (a free one: price 0 is allowed) belongs there");
        written.Single().Message.Key.Should().Be("P1", "SalesProducer.SendAsync should key each sale by its product id");
        FluentActions.Invoking(() => new SalesProducer(null!)).Should().Throw<ArgumentNullException>("new SalesProducer(options: null) must be rejected")
            .Which.ParamName.Should().Be("options", "the ArgumentNullException from new SalesProducer(options: null) should name the parameter");
    }

    // A sale as it appears in a failure message, its product id quoted so an empty or blank one shows.
    private static string Show(Sale sale) => $"new Sale(\"{sale.ProductId}\", {sale.Quantity}, {sale.Price}m)";

    private static string? Header(Confluent.Kafka.Headers? headers, string name) =>
        headers is not null && headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
}
