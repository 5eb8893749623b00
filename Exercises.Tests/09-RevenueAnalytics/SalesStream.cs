using System.Text.Json;
using Confluent.Kafka;
using Workbook.Infrastructure.Testing;

namespace Workbook.Exercises.Tests.Lesson09;

/// <summary>Test data and Kafka plumbing shared by the lesson 09 tests.</summary>
internal static class SalesStream
{
    public static readonly Sale[] SeedSales =
    [
        new("P1", 2, 10.0m),
        new("P2", 1, 20.0m),
        new("P1", 3, 10.0m),
    ];

    /// <summary>The topics the aggregator uses, with the partitions the tests need.</summary>
    public static async Task CreateTopicsAsync(KafkaScope kafka, CancellationToken cancellationToken)
    {
        await kafka.CreateTopicAsync(RevenueAnalytics.InputTopic, 3, cancellationToken);
        await kafka.CreateTopicAsync(RevenueAnalytics.OutputTopic, 3, cancellationToken);
        await kafka.CreateTopicAsync(RevenueAnalytics.DeadLetterTopic, 1, cancellationToken);
    }

    /// <summary>Deterministic sales over ten products, prices with up to three decimals.</summary>
    public static Sale[] Random(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => new Sale($"P{random.Next(10)}", random.Next(1, 6), random.Next(1, 100_000) / 1000m))];
    }

    public static Dictionary<string, decimal> Totals(IEnumerable<Sale> sales) =>
        sales.GroupBy(s => s.ProductId).ToDictionary(g => g.Key, g => g.Sum(s => s.Quantity * s.Price));

    /// <summary>Sends all sales at once (order across products does not matter to totals).</summary>
    public static async Task SendAllAsync(KafkaOptions options, IEnumerable<Sale> sales, CancellationToken cancellationToken)
    {
        using var producer = new SalesProducer(options);
        await Task.WhenAll(sales.Select(sale => producer.SendAsync(sale, cancellationToken)));
    }

    /// <summary>Waits until the sum of all totals reaches what the sales add up to (totals only grow), and returns them.</summary>
    public static Task<IReadOnlyDictionary<string, decimal>> TotalsReachedAsync(RevenueAnalytics analytics, IReadOnlyDictionary<string, decimal> expected, IEnumerable<Task> watch, CancellationToken cancellationToken) =>
        Workbook.Infrastructure.Testing.Eventually.UntilAsync(
            $"RevenueAnalytics.GetAllTotalsAsync to add up to {expected.Values.Sum()}, the revenue of every sale sent (ProcessAsync adds quantity * price to the product's total)",
            analytics.GetAllTotalsAsync,
            totals => totals.Values.Sum() >= expected.Values.Sum(),
            TimeSpan.FromSeconds(20),
            watch,
            cancellationToken);

    /// <summary>The revenue updates on the output topic, in the order read (per product: in order).</summary>
    public static RevenueUpdate Parse(ConsumeResult<string?, string> record) =>
        JsonSerializer.Deserialize<RevenueUpdate>(record.Message.Value, WorkbookJson.Options)
        ?? throw new InvalidOperationException($"revenue record at {record.TopicPartitionOffset} holds no update: {record.Message.Value}");

    /// <summary>The group's committed offsets on the sales topic, per partition (-1001 when none).</summary>
    public static IReadOnlyList<long> Committed(KafkaOptions options, int partitions)
    {
        using var consumer = PlainConsumer(options);
        var topic = options.Topic(RevenueAnalytics.InputTopic);
        return [.. consumer.Committed(Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)), TimeSpan.FromSeconds(10))
            .OrderBy(c => c.Partition.Value)
            .Select(c => c.Offset.Value)];
    }

    /// <summary>Waits until the group's committed offsets on every sales partition are that partition's end.</summary>
    public static Task<IReadOnlyList<long>> WaitUntilCommittedAsync(KafkaOptions options, int partitions, IEnumerable<Task> watch, CancellationToken cancellationToken)
    {
        var end = EndOffsets(options, partitions);
        return Eventually.UntilAsync(
            $"RevenueAnalytics.ProcessAsync (group {RevenueAnalytics.GroupName}) to commit offsets [{string.Join(", ", end)}] on sales partitions 0-{partitions - 1}, the end of each, after applying every sale (-1001: never committed)",
            () => Task.FromResult(Committed(options, partitions)),
            committed => committed.SequenceEqual(end),
            TimeSpan.FromSeconds(20),
            watch,
            cancellationToken);
    }

    /// <summary>The end offset of each partition of the sales topic (or of another of the lesson's topics).</summary>
    public static IReadOnlyList<long> EndOffsets(KafkaOptions options, int partitions, string name = RevenueAnalytics.InputTopic)
    {
        using var consumer = PlainConsumer(options);
        var topic = options.Topic(name);
        return [.. Enumerable.Range(0, partitions).Select(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).High.Value)];
    }

    /// <summary>
    /// Sets the aggregator group's committed offsets back to 0 while no other member runs: Kafka forgets that anything
    /// was processed, as when a processor crashes after updating its state and before committing. It joins the group
    /// first, because librdkafka's mock refuses a commit from a non-member ("Unknown member") once the group exists.
    /// </summary>
    public static async Task RewindGroupAsync(KafkaOptions options, int partitions, CancellationToken cancellationToken)
    {
        using var consumer = PlainConsumer(options);
        var topic = options.Topic(RevenueAnalytics.InputTopic);
        consumer.Subscribe(topic);
        await Workbook.Infrastructure.Testing.Eventually.UntilAsync(
            $"a member rewinding {topic} to get all {partitions} partitions",
            () => Task.FromResult(consumer.Consume(TimeSpan.FromMilliseconds(50)) is null ? consumer.Assignment.Count : consumer.Assignment.Count),
            count => count == partitions,
            TimeSpan.FromSeconds(20),
            cancellationToken: cancellationToken);
        consumer.Commit([.. Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, 0))]);
        consumer.Close();
    }

    private static IConsumer<string, string> PlainConsumer(KafkaOptions options) =>
        new ConsumerBuilder<string, string>(options.ApplyTo(new ConsumerConfig
        {
            GroupId = options.GroupId(RevenueAnalytics.GroupName),
            EnableAutoCommit = false,
        })).Build();
}
