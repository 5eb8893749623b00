using Workbook.Contracts;

namespace Workbook.Lessons;

/// <summary>
/// Lesson 04 — read log entries from <see cref="LogProducer.TopicName"/> as one member of a consumer group.
/// Task: a record that is not a valid entry is skipped and counted instead of ending the stream, and only
/// entries you handed to the caller are committed. Read docs/lessons/04-logs.md first.
/// </summary>
public sealed class LogConsumer : IDisposable
{
    private readonly KafkaOptions _options;
    private readonly string _groupName;

    /// <param name="options">Where Kafka is and how names are prefixed.</param>
    /// <param name="groupName">The consumer group (before <see cref="KafkaOptions.TopicPrefix"/>); a new group starts from the earliest record.</param>
    public LogConsumer(KafkaOptions options, string groupName = "log-readers")
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(groupName);
        options.Validate();
        _options = options;
        _groupName = groupName;
    }

    /// <summary>How many malformed records were skipped so far.</summary>
    public long SkippedCount =>
        throw new NotImplementedException("Lesson 04: implement LogConsumer.SkippedCount — return how many malformed records were skipped so far, exact even when another thread reads it. Read docs/lessons/04-logs.md; stuck? workbook hint 04");

    /// <summary>
    /// The entries of the topic as they arrive, until <paramref name="cancellationToken"/> is cancelled.
    /// One enumeration at a time.
    /// </summary>
    /// <param name="cancellationToken">Ends the stream with <see cref="OperationCanceledException"/>.</param>
    public IAsyncEnumerable<LogEntry> ConsumeAsync(CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("Lesson 04: implement LogConsumer.ConsumeAsync — yield the topic's log entries as they arrive until cancelled, skip and count the records that are not entries, and commit only entries the caller was given. Read docs/lessons/04-logs.md; stuck? workbook hint 04");

    /// <summary>Leaves the group, committing the stored offsets, and releases the client.</summary>
    public void Dispose()
    {
        // Nothing to release until you create a consumer (then leave the group here, committing what you handed out).
    }
}
