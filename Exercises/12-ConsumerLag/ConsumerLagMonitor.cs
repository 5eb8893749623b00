using Workbook.Contracts;

namespace Workbook.Lessons;

/// <summary>
/// Lesson 12 — consumer lag: how many records a consumer group has still to read, per partition.
/// Task: combine the group's committed offsets with each partition's log end (and log start) offsets.
/// Read docs/lessons/12-consumer-lag.md first.
/// </summary>
public sealed class ConsumerLagMonitor : IDisposable
{
    private readonly KafkaOptions _options;

    /// <param name="options">Where Kafka is and how names are prefixed.</param>
    public ConsumerLagMonitor(KafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>The group's lag on every partition of the topic, ordered by partition.</summary>
    /// <param name="groupName">The consumer group, as passed to <see cref="KafkaOptions.GroupId"/>; not empty.</param>
    /// <param name="topicName">The topic, as passed to <see cref="KafkaOptions.Topic"/>; not empty.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="InvalidOperationException">The topic does not exist.</exception>
    /// <exception cref="Confluent.Kafka.KafkaException">
    /// A broker the call needs (the group's coordinator, a partition's leader) did not answer within about 10 s: the
    /// call fails then rather than wait longer, and never reports a partition it could not read.
    /// </exception>
    public Task<IReadOnlyList<PartitionLag>> GetLagAsync(string groupName, string topicName, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("Lesson 12: implement ConsumerLagMonitor.GetLagAsync — return, partition by partition, how many records the group has still to read, watching the group without ever joining it; an unknown topic is an error, never created. Read docs/lessons/12-consumer-lag.md; stuck? workbook hint 12");

    /// <summary>The group's lag summed over every partition of the topic.</summary>
    /// <param name="groupName">The consumer group, as passed to <see cref="KafkaOptions.GroupId"/>; not empty.</param>
    /// <param name="topicName">The topic, as passed to <see cref="KafkaOptions.Topic"/>; not empty.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public Task<long> GetTotalLagAsync(string groupName, string topicName, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("Lesson 12: implement ConsumerLagMonitor.GetTotalLagAsync — return the group's lag summed over every partition of the topic. Read docs/lessons/12-consumer-lag.md; stuck? workbook hint 12");

    /// <summary>Releases the admin client (nothing to release until you create one).</summary>
    public void Dispose()
    {
    }
}
