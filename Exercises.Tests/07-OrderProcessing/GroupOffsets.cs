using Confluent.Kafka;
using Workbook.Infrastructure.Testing;

namespace Workbook.Exercises.Tests.Lesson07;

/// <summary>Reads and rewinds a consumer group's committed offsets from outside the group.</summary>
internal static class GroupOffsets
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Committed offset per partition (-1001, "none", when the group never committed one).</summary>
    public static long[] Committed(KafkaOptions options, string groupId, string topic, int partitions)
    {
        using var consumer = Outsider(options, groupId);
        return [.. consumer.Committed(Partitions(topic, partitions), Timeout).OrderBy(o => o.Partition.Value).Select(o => o.Offset.Value)];
    }

    /// <summary>The end (high watermark) of each partition: the offset the next record will get.</summary>
    public static long[] End(KafkaOptions options, string topic, int partitions)
    {
        using var consumer = Outsider(options, "watermarks");
        return [.. Partitions(topic, partitions).Select(tp => consumer.QueryWatermarkOffsets(tp, Timeout).High.Value)];
    }

    /// <summary>
    /// Commits offset 0 on every partition for the group, while none of its members runs: as if everything had been
    /// processed but never committed. Joins the group for a moment (the mock refuses commits from non-members of a
    /// group it knows), commits nothing else (no auto-commit) and leaves.
    /// </summary>
    public static async Task RewindAsync(KafkaOptions options, string groupId, string topic, int partitions, CancellationToken cancellationToken)
    {
        using var consumer = Outsider(options, groupId);
        consumer.Subscribe(topic);
        await Eventually.UntilAsync(
            $"a temporary member of {groupId} to be assigned all {partitions} partitions of {topic}",
            () =>
            {
                consumer.Consume(TimeSpan.FromMilliseconds(50));
                return Task.FromResult(consumer.Assignment.Count);
            },
            count => count == partitions,
            cancellationToken: cancellationToken);
        consumer.Commit([.. Partitions(topic, partitions).Select(tp => new TopicPartitionOffset(tp, 0))]);
        consumer.Close();
    }

    /// <summary>Whether the group has committed the end of every partition (an empty partition needs no commit).</summary>
    public static bool CaughtUp(long[] committed, long[] end) =>
        committed.Length == end.Length && committed.Zip(end).All(p => p.First == p.Second || (p.Second == 0 && p.First < 0));

    private static List<TopicPartition> Partitions(string topic, int partitions) =>
        [.. Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p))];

    private static IConsumer<Ignore, Ignore> Outsider(KafkaOptions options, string groupId) =>
        new ConsumerBuilder<Ignore, Ignore>(options.ApplyTo(new ConsumerConfig { GroupId = groupId, EnableAutoCommit = false })).Build();
}
