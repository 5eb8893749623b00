using System.Collections.Frozen;
using System.Text.Json;
using Confluent.Kafka;
using Workbook.Contracts;

namespace Workbook.Lessons;

/// <summary>
/// Lesson 04 — sends application log entries to the <see cref="TopicName"/> topic as JSON.
/// Input is checked before anything is produced, and every send waits for the broker's acknowledgement
/// from all in-sync replicas, so a returned entry is on the topic.
/// </summary>
public sealed class LogProducer : IDisposable
{
    /// <summary>The one topic of this lesson (before <see cref="KafkaOptions.TopicPrefix"/>).</summary>
    public const string TopicName = "application.logs";

    private static readonly FrozenSet<string> Levels = FrozenSet.Create(StringComparer.Ordinal, "DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL");

    private readonly IProducer<Null, byte[]> _producer;
    private readonly string _topic;
    private readonly TimeProvider _time;
    private bool _disposed;

    /// <param name="options">Where Kafka is and how names are prefixed.</param>
    /// <param name="time">The clock for <see cref="LogEntry.Timestamp"/>; the system clock when null.</param>
    public LogProducer(KafkaOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _topic = options.Topic(TopicName);
        _time = time ?? TimeProvider.System;
        // Idempotence (which implies acks=all) keeps retries from duplicating or reordering entries.
        var config = options.ApplyTo(new ProducerConfig { Acks = Acks.All, EnableIdempotence = true });
        _producer = new ProducerBuilder<Null, byte[]>(config).Build();
    }

    /// <summary>Sends one log entry and waits until the broker has it; returns the entry sent.</summary>
    /// <param name="level">DEBUG, INFO, WARNING, ERROR or CRITICAL, in any case; stored upper-case.</param>
    /// <param name="message">What happened; not empty or white space.</param>
    /// <param name="cancellationToken">Stops waiting for the acknowledgement (the entry may still be delivered).</param>
    /// <exception cref="ArgumentException">The level is not one of the five, or the message is empty.</exception>
    public async Task<LogEntry> SendLogAsync(string level, string message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(level);
        var normalized = level.ToUpperInvariant();
        if (!Levels.Contains(normalized))
        {
            throw new ArgumentException($"'{level}' is not a log level; use one of {string.Join(", ", Levels.Order(StringComparer.Ordinal))}.", nameof(level));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(message);

        var entry = new LogEntry(normalized, message, _time.GetUtcNow());
        var record = new Message<Null, byte[]>
        {
            Value = JsonSerializer.SerializeToUtf8Bytes(entry, WorkbookJson.Options),
            Timestamp = new Timestamp(entry.Timestamp),
        };
        await _producer.ProduceAsync(_topic, record, cancellationToken);
        return entry;
    }

    /// <summary>Waits briefly for anything still in flight, then releases the client.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _producer.Flush(TimeSpan.FromSeconds(10));
        _producer.Dispose();
    }
}
