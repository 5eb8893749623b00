namespace Workbook.Contracts;

/// <summary>How far a consumer group is behind on one partition (lesson 12).</summary>
/// <param name="Topic">The real topic name.</param>
/// <param name="Partition">The partition.</param>
/// <param name="CommittedOffset">The group's committed offset (the next record it will read); null when it never committed here.</param>
/// <param name="LogEndOffset">The high watermark: the offset the next record written will get.</param>
/// <param name="Lag">Records the group has still to read: end minus committed, or end minus log start when nothing is committed.</param>
public sealed record PartitionLag(string Topic, int Partition, long? CommittedOffset, long LogEndOffset, long Lag);
