using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Workbook.Contracts;

namespace Workbook.Lessons;

/// <summary>
/// Lesson 12 — consumer lag: how many records a consumer group has still to read, per partition. Reads the group's
/// committed offsets with the Admin API (<c>ListConsumerGroupOffsets</c>, which does not join the group) and each
/// partition's log start and end with <c>ListOffsets</c> (earliest and latest).
/// </summary>
public sealed class ConsumerLagMonitor : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private readonly KafkaOptions _options;
    private readonly IAdminClient _admin;

    /// <param name="options">Where Kafka is and how names are prefixed.</param>
    public ConsumerLagMonitor(KafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        var config = options.ApplyTo(new AdminClientConfig());
        config.Set("allow.auto.create.topics", "false"); // asking about a topic must not create it
        _admin = new AdminClientBuilder(config).Build();
    }

    /// <summary>The group's lag on every partition of the topic, ordered by partition.</summary>
    /// <param name="groupName">The consumer group, as passed to <see cref="KafkaOptions.GroupId"/>; not empty.</param>
    /// <param name="topicName">The topic, as passed to <see cref="KafkaOptions.Topic"/>; not empty.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="InvalidOperationException">The topic does not exist.</exception>
    /// <exception cref="KafkaException">
    /// A broker the call needs (the group's coordinator, a partition's leader) did not answer within about 10 s: the
    /// call fails then rather than wait longer, and never reports a partition it could not read.
    /// </exception>
    public async Task<IReadOnlyList<PartitionLag>> GetLagAsync(string groupName, string topicName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupName);
        ArgumentException.ThrowIfNullOrWhiteSpace(topicName);
        var group = _options.GroupId(groupName);
        var topic = _options.Topic(topicName);

        var partitions = await Task.Run(() => Partitions(topic), cancellationToken);
        var committed = await _admin.ListConsumerGroupOffsetsAsync(
            [new ConsumerGroupTopicPartitions(group, partitions)],
            new ListConsumerGroupOffsetsOptions { RequestTimeout = RequestTimeout });
        var start = await OffsetsAsync(partitions, OffsetSpec.Earliest());
        var end = await OffsetsAsync(partitions, OffsetSpec.Latest());
        cancellationToken.ThrowIfCancellationRequested();

        var committedByPartition = committed.Single().Partitions.ToDictionary(p => p.Partition.Value, p => p.Offset);
        return [.. partitions.Select(tp =>
        {
            var at = committedByPartition.TryGetValue(tp.Partition.Value, out var offset) && offset != Offset.Unset ? offset.Value : (long?)null;
            var logEnd = end[tp.Partition.Value];
            // Records below the log start are gone, so a group cannot be behind by more than what is still there.
            var from = Math.Max(at ?? start[tp.Partition.Value], start[tp.Partition.Value]);
            return new PartitionLag(topic, tp.Partition.Value, at, logEnd, Math.Max(0, logEnd - from));
        })];
    }

    /// <summary>The group's lag summed over every partition of the topic.</summary>
    /// <param name="groupName">The consumer group, as passed to <see cref="KafkaOptions.GroupId"/>; not empty.</param>
    /// <param name="topicName">The topic, as passed to <see cref="KafkaOptions.Topic"/>; not empty.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public async Task<long> GetTotalLagAsync(string groupName, string topicName, CancellationToken cancellationToken = default) =>
        (await GetLagAsync(groupName, topicName, cancellationToken)).Sum(p => p.Lag);

    public void Dispose() => _admin.Dispose();

    private List<TopicPartition> Partitions(string topic)
    {
        var metadata = _admin.GetMetadata(topic, RequestTimeout).Topics.SingleOrDefault(t => t.Topic == topic);
        if (metadata is null || metadata.Error.IsError || metadata.Partitions.Count == 0)
        {
            throw new InvalidOperationException($"Topic '{topic}' does not exist ({metadata?.Error.Reason ?? "not in the cluster metadata"}); cannot compute consumer lag for it.");
        }

        return [.. metadata.Partitions.Select(p => new TopicPartition(topic, p.PartitionId)).OrderBy(tp => tp.Partition.Value)];
    }

    private async Task<Dictionary<int, long>> OffsetsAsync(List<TopicPartition> partitions, OffsetSpec spec)
    {
        var result = await _admin.ListOffsetsAsync(
            partitions.Select(tp => new TopicPartitionOffsetSpec { TopicPartition = tp, OffsetSpec = spec }),
            new ListOffsetsOptions { RequestTimeout = RequestTimeout });
        // A leader that does not answer in time leaves its partitions' offsets unset, with no error and no exception.
        if (result.ResultInfos.Any(r => r.TopicPartitionOffsetError.Offset == Offset.Unset))
        {
            throw new KafkaException(ErrorCode.Local_TimedOut);
        }

        return result.ResultInfos.ToDictionary(r => r.TopicPartitionOffsetError.Partition.Value, r => r.TopicPartitionOffsetError.Offset.Value);
    }
}
