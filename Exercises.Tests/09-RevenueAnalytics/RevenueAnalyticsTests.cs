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

        (await analytics.GetTotalRevenueAsync("P1")).Should().Be(50.0m, "P1 sold 2 x 10.0 + 3 x 10.0");
        (await analytics.GetTotalRevenueAsync("P2")).Should().Be(20.0m, "P2 sold 1 x 20.0");
        (await analytics.GetTotalRevenueAsync("P3")).Should().Be(0m, "a product never sold has no revenue");
        (await analytics.GetAllTotalsAsync()).Should().BeEquivalentTo(new Dictionary<string, decimal> { ["P1"] = 50.0m, ["P2"] = 20.0m });
        updates.Should().AllSatisfy(r => r.Message.Value.Should().Contain("\"product_id\"").And.Contain("\"total_revenue\"", "updates use the seed's snake_case JSON"));
        updates.Should().AllSatisfy(r => r.Message.Key.Should().Be(SalesStream.Parse(r).ProductId, "revenue updates are keyed by product id"));
        updates.Select(SalesStream.Parse).Where(u => u.ProductId == "P1").Select(u => u.TotalRevenue).Should().Equal([20.0m, 50.0m], "one update per sale, each with the running total");
        updates.Select(SalesStream.Parse).Where(u => u.ProductId == "P2").Select(u => u.TotalRevenue).Should().Equal([20.0m]);
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

        totals["P"].Should().Be(300.0m, "1000 x (0.1 + 0.2) is exactly 300 in decimal; summing doubles gives 300.00000000000563 or so");
        totals["TINY"].Should().Be(0.00000021m, "7 x 3 x 0.00000001 is exact in decimal; micro-units or HINCRBYFLOAT lose it");
        var updates = await Kafka.ReadAsync(
            RevenueAnalytics.OutputTopic,
            records => records.Select(SalesStream.Parse).Any(u => u is { ProductId: "P", TotalRevenue: 300.0m }),
            TimeSpan.FromSeconds(20),
            [run.Task],
            Cancellation);
        updates.Select(SalesStream.Parse).Where(u => u.ProductId == "P").Max(u => u.TotalRevenue).Should().Be(300.0m, "the revenue topic carries the exact total too");
    }

    [KafkaFact]
    [Rubric(Rubric.StreamProcessing)]
    public async Task Malformed_sales_go_to_the_dead_letter_topic_and_processing_continues()
    {
        await SalesStream.CreateTopicsAsync(Kafka, Cancellation);
        string[] malformed =
        [
            "not json at all",
            """{"product_id":"","quantity":1,"price":1.0}""",
            """{"product_id":"P1","quantity":0,"price":1.0}""",
            """{"product_id":"P1","quantity":1,"price":-1.0}""",
            """{"product_id":"P1","quantity":1}""",
            """{"product_id":"P1","quantity":1,"price":"1.0"}""",
            """{"product_id":"P1","quantity":1.5,"price":1.0}""",
        ];
        await Kafka.ProduceRawAsync(RevenueAnalytics.InputTopic, "P1", """{"product_id":"P1","quantity":1,"price":1.5}""", partition: 0);
        var sources = new List<string>();
        foreach (var value in malformed)
        {
            var written = await Kafka.ProduceRawAsync(RevenueAnalytics.InputTopic, "P1", value, partition: 0);
            sources.Add($"{written.Topic}:{written.Partition.Value}:{written.Offset.Value}");
        }

        await Kafka.ProduceRawAsync(RevenueAnalytics.InputTopic, "P1", """{"product_id":"P1","quantity":2,"price":0.25,"note":"extra fields are fine"}""", partition: 0);

        using var analytics = new RevenueAnalytics(Options, Db);
        await using var run = BackgroundRun.Start(analytics.ProcessAsync, Cancellation);
        var dead = await Kafka.ReadAsync(RevenueAnalytics.DeadLetterTopic, records => records.Count >= malformed.Length, TimeSpan.FromSeconds(20), [run.Task], Cancellation);
        await Eventually.UntilAsync("P1's total to include the sale after the malformed ones", () => analytics.GetTotalRevenueAsync("P1"), total => total >= 2.0m, TimeSpan.FromSeconds(20), [run.Task], Cancellation);

        (await analytics.GetAllTotalsAsync()).Should().BeEquivalentTo(new Dictionary<string, decimal> { ["P1"] = 2.0m }, "only 1 x 1.5 and 2 x 0.25 are valid sales");
        dead.Select(r => r.Message.Value).Should().Equal(malformed, "each malformed record goes to sales.dlq unchanged, once, in order");
        dead.Select(r => $"{Header(r.Message.Headers, DeadLetterHeaders.SourceTopic)}:{Header(r.Message.Headers, DeadLetterHeaders.SourcePartition)}:{Header(r.Message.Headers, DeadLetterHeaders.SourceOffset)}")
            .Should().Equal(sources, "the dlq.source.* headers say the topic, partition and offset of the original");
        dead.Should().AllSatisfy(r => Header(r.Message.Headers, DeadLetterHeaders.Error).Should().NotBeNullOrWhiteSpace("the dlq.error header says what was wrong"));
        dead.Should().AllSatisfy(r => Header(r.Message.Headers, DeadLetterHeaders.ConsumerGroup).Should().Be(Options.GroupId(RevenueAnalytics.GroupName), "the dlq.consumer.group header names the group that gave up"));
        run.Task.IsCompleted.Should().BeFalse("a malformed record must not stop the processor");
    }

    [KafkaFact]
    [Rubric(Rubric.StreamProcessing)]
    public async Task Bad_arguments_are_rejected()
    {
        using var analytics = new RevenueAnalytics(Options, Db);

        (await FluentActions.Awaiting(() => analytics.GetTotalRevenueAsync("")).Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be("productId");
        (await FluentActions.Awaiting(() => analytics.GetTotalRevenueAsync(null!)).Should().ThrowAsync<ArgumentNullException>()).Which.ParamName.Should().Be("productId");
        FluentActions.Invoking(() => new RevenueAnalytics(null!, Db)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("options");
        FluentActions.Invoking(() => new RevenueAnalytics(Options, null!)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("redis");
        FluentActions.Invoking(() => new RevenueAnalytics(Options with { BootstrapServers = "" }, Db)).Should().Throw<ArgumentException>();
        (await RedisScope.KeysAsync()).Should().BeEmpty("a rejected call must not touch Redis");
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
            (await FluentActions.Awaiting(() => producer.SendAsync(sale, Cancellation)).Should().ThrowAsync<ArgumentException>($"{sale} is not a sale")).Which.ParamName.Should().Be("sale");
        }

        (await FluentActions.Awaiting(() => producer.SendAsync(null!, Cancellation)).Should().ThrowAsync<ArgumentNullException>()).Which.ParamName.Should().Be("sale");
        await producer.SendAsync(new Sale("P1", 1, 0m), Cancellation);
        var written = await Kafka.ReadAsync(RevenueAnalytics.InputTopic, records => records.Count >= 1, TimeSpan.FromSeconds(10), cancellationToken: Cancellation);
        written.Should().ContainSingle("only the valid sale (a free one: price 0 is allowed) reaches the topic")
            .Which.Message.Key.Should().Be("P1", "sales are keyed by product id");
        FluentActions.Invoking(() => new SalesProducer(null!)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("options");
    }

    private static string? Header(Confluent.Kafka.Headers? headers, string name) =>
        headers is not null && headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
}
