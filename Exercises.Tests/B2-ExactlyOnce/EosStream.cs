using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Workbook.Infrastructure.Testing;

namespace Workbook.Exercises.Tests.LessonB2;

/// <summary>Test data and Kafka plumbing shared by the B2 tests.</summary>
internal static class EosStream
{
    public const int Partitions = 3;

    public static async Task CreateTopicsAsync(KafkaScope kafka, CancellationToken cancellationToken)
    {
        await kafka.CreateTopicAsync(TransactionalRevenueProcessor.InputTopic, Partitions, cancellationToken);
        await kafka.CreateTopicAsync(TransactionalRevenueProcessor.OutputTopic, Partitions, cancellationToken);
        await kafka.CreateTopicAsync(TransactionalRevenueProcessor.DeadLetterTopic, 1, cancellationToken);
    }

    /// <summary>
    /// Sales numbered <paramref name="from"/> on whose revenues all differ, so an output record names its sale:
    /// quantity q in 1..3 times (1000 + i) / 1000 falls in [q, q + 1) for every i below 1000.
    /// </summary>
    public static Sale[] Distinct(int from, int count) =>
        [.. Enumerable.Range(from, count).Select(i => new Sale($"D{i % 4}", 1 + (i % 3), (1000 + i) / 1000m))];

    public static SaleRevenue RevenueOf(Sale sale) => new(sale.ProductId, sale.Quantity * sale.Price);

    public static string Json(Sale sale) => JsonSerializer.Serialize(sale, WorkbookJson.Options);

    /// <summary>Writes sales as JSON keyed by product id (as lesson 09's SalesProducer does, without depending on it).</summary>
    public static async Task SendAsync(KafkaOptions options, IEnumerable<Sale> sales, CancellationToken cancellationToken)
    {
        using var producer = new ProducerBuilder<string, string>(options.ApplyTo(new ProducerConfig { Acks = Acks.All, EnableIdempotence = true })).Build();
        var topic = options.Topic(TransactionalRevenueProcessor.InputTopic);
        await Task.WhenAll(sales.Select(sale => producer.ProduceAsync(topic, new Message<string, string> { Key = sale.ProductId, Value = Json(sale) }, cancellationToken)));
    }

    public static SaleRevenue Parse(ConsumeResult<string?, string> record) =>
        JsonSerializer.Deserialize<SaleRevenue>(record.Message.Value, WorkbookJson.Options)
        ?? throw new InvalidOperationException($"record at {record.TopicPartitionOffset} holds no revenue: {record.Message.Value}");

    /// <summary>The group's committed offsets on the sales topic, per partition (-1001 when none).</summary>
    public static IReadOnlyList<long> Committed(KafkaOptions options)
    {
        using var consumer = PlainConsumer(options);
        var topic = options.Topic(TransactionalRevenueProcessor.InputTopic);
        return [.. consumer.Committed(Enumerable.Range(0, Partitions).Select(p => new TopicPartition(topic, p)), TimeSpan.FromSeconds(10))
            .OrderBy(c => c.Partition.Value)
            .Select(c => c.Offset.Value)];
    }

    /// <summary>The end offset (high watermark) of each partition of a topic.</summary>
    public static IReadOnlyList<long> EndOffsets(KafkaOptions options, string name, int partitions = Partitions)
    {
        using var consumer = PlainConsumer(options);
        var topic = options.Topic(name);
        return [.. Enumerable.Range(0, partitions).Select(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).High.Value)];
    }

    /// <summary>
    /// What the group's committed offsets must be once the processor has committed every partition up to
    /// <paramref name="end"/>: exactly <paramref name="end"/> on Apache Kafka. librdkafka's mock cluster accepts the
    /// offsets a transaction sends (TxnOffsetCommit) but never stores them, so there they must stay unset: an offset
    /// that does show up on the mock was committed outside the transaction (a plain Commit or auto-commit).
    /// </summary>
    public static IReadOnlyList<long> ExpectedCommitted(KafkaScope kafka, IReadOnlyList<long> end) =>
        kafka.Backend.IsMock ? [.. end.Select(_ => Offset.Unset.Value)] : end;

    /// <summary>Waits until the group's committed offsets on the sales topic are <see cref="ExpectedCommitted"/> for its end.</summary>
    public static Task<IReadOnlyList<long>> WaitForCommittedAsync(KafkaScope kafka, IEnumerable<Task> watch, CancellationToken cancellationToken)
    {
        var expected = ExpectedCommitted(kafka, EndOffsets(kafka.Options, TransactionalRevenueProcessor.InputTopic));
        return Eventually.UntilAsync(
            $"TransactionalRevenueProcessor.ProcessAsync (group {TransactionalRevenueProcessor.GroupName}) to leave committed offsets [{string.Join(", ", expected)}] on sales partitions 0-{Partitions - 1} (-1001: none" +
            (kafka.Backend.IsMock
                ? "; the mock never stores offsets sent to a transaction, so any offset here was committed outside it: a plain Commit or auto-commit)"
                : "; the end of each partition, committed inside the transaction that produced the revenue)"),
            () => Task.FromResult(Committed(kafka.Options)),
            committed => committed.SequenceEqual(expected),
            TimeSpan.FromSeconds(20),
            watch,
            cancellationToken);
    }

    private static IConsumer<string, string> PlainConsumer(KafkaOptions options) =>
        new ConsumerBuilder<string, string>(options.ApplyTo(new ConsumerConfig
        {
            GroupId = options.GroupId(TransactionalRevenueProcessor.GroupName),
            EnableAutoCommit = false,
        })).Build();

    /// <summary>A header of a record read with <see cref="KafkaScope.ReadAsync"/>, as UTF-8 text; null when absent.</summary>
    public static string? Header(ConsumeResult<string?, string> record, string name) =>
        record.Message.Headers is { } headers && headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;

    /// <summary>The options with a producer queue (<c>queue.buffering.max.messages</c>) of only <paramref name="records"/>.</summary>
    public static KafkaOptions WithProducerQueueOf(KafkaOptions options, int records) =>
        options with
        {
            ProducerSettings = new Dictionary<string, string>(options.ProducerSettings)
            {
                ["queue.buffering.max.messages"] = records.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        };
}
