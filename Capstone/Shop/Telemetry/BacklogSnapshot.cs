namespace Workbook.Shop.Telemetry;

/// <summary>One consumer group's lag on <c>orders</c>, summed over the partitions.</summary>
public sealed record GroupLag(string Group, long Lag);

/// <summary>
/// Work the shop has accepted but not finished, as sampled at <see cref="SampledAt"/>: outbox rows not yet on Kafka,
/// records each consumer group has still to read, and records in <c>orders.dlq</c>. <see cref="SampledAt"/> is null
/// until the first sample succeeded. While Kafka does not answer, <see cref="OutboxBacklog"/> is refreshed anyway and
/// the Kafka figures (and <see cref="SampledAt"/>) keep the last successful sample's values.
/// </summary>
public sealed record BacklogSnapshot(DateTimeOffset? SampledAt, long OutboxBacklog, IReadOnlyList<GroupLag> ConsumerLag, long DeadLetters)
{
    public static readonly BacklogSnapshot Empty = new(null, 0, [], 0);

    /// <summary>True when every accepted order has been published and every group has read it.</summary>
    public bool Drained => SampledAt is not null && OutboxBacklog == 0 && ConsumerLag.All(g => g.Lag == 0);
}
