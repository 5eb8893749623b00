using Confluent.Kafka;
using Workbook.Contracts;
using Workbook.Infrastructure.Kafka;
using Workbook.Infrastructure.Testing;

namespace Workbook.Testing;

/// <summary>
/// One test's private Kafka names: every topic and consumer group carries a unique prefix, so tests run in parallel
/// and reruns never read old records. Also reads and writes raw records, to check what the lessons put on the wire.
/// </summary>
public sealed class KafkaScope
{
    internal KafkaScope(KafkaBackend backend)
    {
        Backend = backend;
        Options = backend.Options($"t{Guid.NewGuid():N}"[..13] + ".");
    }

    public KafkaBackend Backend { get; }

    /// <summary>The options to hand to the lesson classes.</summary>
    public KafkaOptions Options { get; }

    /// <summary>Creates <c>Options.Topic(name)</c>; returns the real topic name.</summary>
    public async Task<string> CreateTopicAsync(string name, int partitions = 3, CancellationToken cancellationToken = default)
    {
        var topic = Options.Topic(name);
        await Backend.CreateTopicAsync(topic, partitions, cancellationToken: cancellationToken);
        return topic;
    }

    /// <summary>Writes raw bytes to a topic, bypassing the lesson's producer (e.g. a malformed record; a null value is a tombstone).</summary>
    public async Task<TopicPartitionOffset> ProduceRawAsync(string name, string? key, string? value, int? partition = null, Headers? headers = null)
    {
        using var producer = new ProducerBuilder<string?, string?>(Options.ApplyTo(new ProducerConfig { Acks = Acks.All })).Build();
        var message = new Message<string?, string?> { Key = key, Value = value, Headers = headers };
        var topic = Options.Topic(name);
        var result = partition is { } p
            ? await producer.ProduceAsync(new TopicPartition(topic, p), message)
            : await producer.ProduceAsync(topic, message);
        return result.TopicPartitionOffset;
    }

    /// <summary>
    /// Reads a topic from the beginning of every partition, without a consumer group, until <paramref name="done"/>
    /// accepts what arrived or the timeout passes (then it fails with what did arrive).
    /// </summary>
    public Task<IReadOnlyList<ConsumeResult<string?, string>>> ReadAsync(
        string name,
        Func<IReadOnlyList<ConsumeResult<string?, string>>, bool> done,
        TimeSpan? timeout = null,
        IEnumerable<Task>? watch = null,
        CancellationToken cancellationToken = default) =>
        ReadTopicAsync(Options, name, done, timeout, watch, cancellationToken);

    /// <summary>
    /// <see cref="ReadAsync"/> on the cluster and with the names <paramref name="options"/> give: for a test that starts
    /// a mock cluster of its own.
    /// </summary>
    public static async Task<IReadOnlyList<ConsumeResult<string?, string>>> ReadTopicAsync(
        KafkaOptions options,
        string name,
        Func<IReadOnlyList<ConsumeResult<string?, string>>, bool> done,
        TimeSpan? timeout = null,
        IEnumerable<Task>? watch = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var topic = options.Topic(name);
        var config = options.ApplyTo(new ConsumerConfig
        {
            GroupId = "unused-reader",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            IsolationLevel = IsolationLevel.ReadCommitted,
        });
        using var consumer = new ConsumerBuilder<string?, string>(config).Build();
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10));
        var partitions = metadata.Topics.Single().Partitions.Select(p => new TopicPartitionOffset(topic, p.PartitionId, Offset.Beginning)).ToList();
        consumer.Assign(partitions);

        var received = new List<ConsumeResult<string?, string>>();
        return await Eventually.UntilAsync(
            $"records on {topic}",
            () =>
            {
                ConsumeResult<string?, string>? next;
                while ((next = consumer.Consume(TimeSpan.FromMilliseconds(50))) is not null)
                {
                    if (!next.IsPartitionEOF)
                    {
                        received.Add(next);
                    }
                }

                return Task.FromResult<IReadOnlyList<ConsumeResult<string?, string>>>(received.ToList());
            },
            done,
            timeout,
            watch,
            cancellationToken);
    }
}
