using Workbook.Contracts;

namespace Workbook.Lessons;

/// <summary>
/// Lesson 04 — send application log entries to the <see cref="TopicName"/> topic as JSON.
/// Task: check the input before producing anything, and return only once the broker has the entry.
/// Read docs/lessons/04-logs.md first.
/// </summary>
public sealed class LogProducer : IDisposable
{
    /// <summary>The one topic of this lesson (before <see cref="KafkaOptions.TopicPrefix"/>).</summary>
    public const string TopicName = "application.logs";

    private readonly KafkaOptions _options;
    private readonly TimeProvider _time;

    /// <param name="options">Where Kafka is and how names are prefixed.</param>
    /// <param name="time">The clock for <see cref="LogEntry.Timestamp"/>; the system clock when null.</param>
    public LogProducer(KafkaOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Sends one log entry and waits until the broker has it; returns the entry sent.</summary>
    /// <param name="level">DEBUG, INFO, WARNING, ERROR or CRITICAL, in any case; stored upper-case.</param>
    /// <param name="message">What happened; not empty or white space.</param>
    /// <param name="cancellationToken">Stops waiting for the acknowledgement (the entry may still be delivered).</param>
    /// <exception cref="ArgumentException">The level is not one of the five, or the message is empty.</exception>
    public Task<LogEntry> SendLogAsync(string level, string message, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("Lesson 04: implement LogProducer.SendLogAsync — check the level and the message, send the entry as JSON, and return it once the broker has acknowledged it. Read docs/lessons/04-logs.md; stuck? workbook hint 04");

    /// <summary>Waits briefly for anything still in flight, then releases the client.</summary>
    public void Dispose()
    {
        // Nothing to release until you create a producer.
    }
}
