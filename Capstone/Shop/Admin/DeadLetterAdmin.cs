using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Workbook.Contracts;
using Workbook.Lessons;
using Workbook.Shop.Hosting;

namespace Workbook.Shop.Admin;

/// <summary>One header of a dead letter, as UTF-8 text.</summary>
public sealed record DeadLetterHeader(string Name, string Value);

/// <summary>A record in <c>orders.dlq</c>: <see cref="Id"/> is <c>partition:offset</c>; <see cref="OrderId"/> when the value parses.</summary>
public sealed record DeadLetterView(string Id, string? Key, string? OrderId, string? Error, string? ConsumerGroup, IReadOnlyList<DeadLetterHeader> Headers);

/// <summary>What a replay published: the dead letter and where its copy now is on <c>orders</c>.</summary>
public sealed record ReplayResult(string DeadLetterId, string OrdersPosition);

/// <summary>
/// Lists and replays <c>orders.dlq</c>. Listing reads every partition from its low to its high watermark without a
/// consumer group (nothing is committed). Replaying publishes the dead letter's key and value to <c>orders</c> again,
/// with its original headers (the <c>dlq.*</c> ones dropped) plus <see cref="ReplayOfHeader"/> and
/// <see cref="ReplayGroupHeader"/>. Every group reads the copy; the groups that applied the order before skip it
/// (each consumer is idempotent by order id), so only the group that gave up applies it — once, however often it is replayed.
/// </summary>
public sealed class DeadLetterAdmin(ShopBackends backends) : IDisposable
{
    /// <summary>On a replayed record: the dead letter it came from (<c>partition:offset</c>).</summary>
    public const string ReplayOfHeader = "replay.of";

    /// <summary>On a replayed record: the consumer group that had given up on it.</summary>
    public const string ReplayGroupHeader = "replay.group";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly SharedKafkaClient<IConsumer<byte[]?, byte[]?>> _counter = new(() => NewConsumer(backends));

    private string Topic => backends.Kafka.Topic(OrderConsumerLoop.DeadLetterTopicName);

    /// <summary>Every dead letter, by partition then offset.</summary>
    public Task<IReadOnlyList<DeadLetterView>> ListAsync(CancellationToken cancellationToken) => Task.Run<IReadOnlyList<DeadLetterView>>(() =>
    {
        using var consumer = NewConsumer(backends);
        var ranges = Partitions(consumer)
            .Select(p => (Partition: p, Range: consumer.QueryWatermarkOffsets(new TopicPartition(Topic, p), Timeout)))
            .Where(p => p.Range.High > p.Range.Low)
            .ToDictionary(p => p.Partition, p => p.Range);
        consumer.Assign(ranges.Select(p => new TopicPartitionOffset(Topic, p.Key, p.Value.Low)));
        var letters = new List<DeadLetterView>();
        var remaining = ranges.ToDictionary(p => p.Key, p => p.Value.High.Value);
        var deadline = DateTime.UtcNow + Timeout;
        while (remaining.Values.Any(high => high > 0) && DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (record is null || record.IsPartitionEOF)
            {
                continue;
            }

            letters.Add(View(record));
            if (record.Offset.Value + 1 >= remaining[record.Partition.Value])
            {
                remaining[record.Partition.Value] = 0;
            }
        }

        consumer.Close();
        return [.. letters.OrderBy(l => l.Id, StringComparer.Ordinal)];
    }, cancellationToken);

    /// <summary>How many records <c>orders.dlq</c> holds (high minus low watermark, summed over its partitions).</summary>
    /// <remarks>Sampled every few seconds, so it keeps one client (it never joins the group) instead of making one per call.</remarks>
    public Task<long> CountAsync(CancellationToken cancellationToken) => Task.Run(
        () => _counter.Use(consumer => Partitions(consumer)
            .Select(p => consumer.QueryWatermarkOffsets(new TopicPartition(Topic, p), Timeout))
            .Sum(range => range.High.Value - range.Low.Value)),
        cancellationToken);

    /// <summary>Publishes the dead letter <paramref name="id"/> to <c>orders</c> again; null when there is no such dead letter.</summary>
    public Task<ReplayResult?> ReplayAsync(string id, CancellationToken cancellationToken) => Task.Run(async () =>
    {
        if (Parse(id) is not { } position)
        {
            return null;
        }

        ConsumeResult<byte[]?, byte[]?>? record;
        using (var consumer = NewConsumer(backends))
        {
            if (!Partitions(consumer).Contains(position.Partition.Value))
            {
                return null;
            }

            var range = consumer.QueryWatermarkOffsets(position.TopicPartition, Timeout);
            if (position.Offset < range.Low || position.Offset >= range.High)
            {
                return null;
            }

            consumer.Assign(position);
            record = consumer.Consume(Timeout);
            consumer.Close();
        }

        if (record?.Offset != position.Offset)
        {
            return null;
        }

        var headers = new Headers();
        foreach (var header in record.Message.Headers ?? [])
        {
            if (!header.Key.StartsWith("dlq.", StringComparison.Ordinal))
            {
                headers.Add(header.Key, header.GetValueBytes());
            }
        }

        headers.Add(ReplayOfHeader, Encoding.UTF8.GetBytes(id));
        headers.Add(ReplayGroupHeader, Encoding.UTF8.GetBytes(Header(record.Message.Headers, DeadLetterHeaders.ConsumerGroup) ?? string.Empty));
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(backends.Kafka.ApplyTo(new ProducerConfig
        {
            ClientId = "shop-dlq-replay",
            EnableIdempotence = true,
            Acks = Acks.All,
        })).Build();
        var delivered = await producer.ProduceAsync(
            backends.Kafka.Topic(OrderProducer.TopicName),
            new Message<byte[]?, byte[]?> { Key = record.Message.Key, Value = record.Message.Value, Headers = headers },
            cancellationToken);
        return new ReplayResult(id, $"{delivered.Partition.Value}:{delivered.Offset.Value}");
    }, cancellationToken);

    public void Dispose() => _counter.Dispose();

    private static IConsumer<byte[]?, byte[]?> NewConsumer(ShopBackends backends) => new ConsumerBuilder<byte[]?, byte[]?>(backends.Kafka.ApplyTo(new ConsumerConfig
    {
        GroupId = backends.Kafka.GroupId("dlq-admin"), // required by the client; never joined (Assign) nor committed
        EnableAutoCommit = false,
        EnableAutoOffsetStore = false,
    })).Build();

    private List<int> Partitions(IConsumer<byte[]?, byte[]?> consumer)
    {
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var topic = admin.GetMetadata(Topic, Timeout).Topics.SingleOrDefault();
        return topic is null || topic.Error.IsError ? [] : [.. topic.Partitions.Select(p => p.PartitionId)];
    }

    private TopicPartitionOffset? Parse(string id)
    {
        var parts = id.Split(':');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var partition)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            ? new TopicPartitionOffset(Topic, partition, offset)
            : null;
    }

    private static DeadLetterView View(ConsumeResult<byte[]?, byte[]?> record)
    {
        var headers = (record.Message.Headers ?? []).Select(h => new DeadLetterHeader(h.Key, Encoding.UTF8.GetString(h.GetValueBytes() ?? []))).ToList();
        return new DeadLetterView(
            $"{record.Partition.Value}:{record.Offset.Value}",
            record.Message.Key is { } key ? Encoding.UTF8.GetString(key) : null,
            OrderId(record.Message.Value),
            Header(record.Message.Headers, DeadLetterHeaders.Error),
            Header(record.Message.Headers, DeadLetterHeaders.ConsumerGroup),
            headers);
    }

    private static string? Header(Headers? headers, string name) =>
        headers is not null && headers.TryGetLastBytes(name, out var value) ? Encoding.UTF8.GetString(value) : null;

    private static string? OrderId(byte[]? value)
    {
        if (value is null)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(value);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("order_id", out var id)
                && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
