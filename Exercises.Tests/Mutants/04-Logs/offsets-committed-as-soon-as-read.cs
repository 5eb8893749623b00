// Mutant of Solutions/04-Logs/LogConsumer.cs, as a student would write it; scripts/mutation --seeds runs it.
// Wrong: the seed's consumer keeps kafka-python's defaults: offsets are committed as records are fetched, before the caller has handled them, so a restart skips entries never handled.
// Caught by: LogConsumerTests.An_entry_whose_handling_failed_is_read_again_by_the_next_consumer_in_the_group
using System.Runtime.CompilerServices;
using System.Text.Json;
using Confluent.Kafka;
using Workbook.Contracts;

namespace Workbook.Lessons;

/// <summary>
/// Lesson 04 — reads log entries from <see cref="LogProducer.TopicName"/> as one member of a consumer group.
/// A record that is not a valid entry is skipped and counted instead of ending the stream.
/// </summary>
/// <remarks>
/// Offsets: at-least-once. Auto-commit is on but automatic offset <em>storing</em> is off: an entry's offset is
/// stored when the caller asks for the next entry (or stops by cancelling while it waits), and stored offsets
/// are committed in the background and on <see cref="Dispose"/>. So a restarted group resumes after the last
/// entry the caller finished with; an entry the caller was still holding when it broke out or crashed is
/// delivered again.
/// </remarks>
public sealed class LogConsumer : IDisposable
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);

    // The shared options plus strictness: a missing or null field is an error, not a default value.
    private static readonly JsonSerializerOptions StrictJson = new(WorkbookJson.Options)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private readonly IConsumer<Ignore, byte[]> _consumer;
    private readonly string _topic;
    private long _skipped;
    private int _reading;
    private bool _subscribed;
    private bool _disposed;

    /// <param name="options">Where Kafka is and how names are prefixed.</param>
    /// <param name="groupName">The consumer group (before <see cref="KafkaOptions.TopicPrefix"/>); a new group starts from the earliest record.</param>
    public LogConsumer(KafkaOptions options, string groupName = "log-readers")
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(groupName);
        options.Validate();
        _topic = options.Topic(LogProducer.TopicName);
        var config = options.ApplyTo(new ConsumerConfig
        {
            GroupId = options.GroupId(groupName),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = true,
            EnableAutoOffsetStore = true,
        });
        _consumer = new ConsumerBuilder<Ignore, byte[]>(config).Build();
    }

    /// <summary>How many malformed records were skipped so far.</summary>
    public long SkippedCount => Interlocked.Read(ref _skipped);

    /// <summary>
    /// The entries of the topic as they arrive, until <paramref name="cancellationToken"/> is cancelled.
    /// One enumeration at a time.
    /// </summary>
    /// <param name="cancellationToken">Ends the stream with <see cref="OperationCanceledException"/>.</param>
    public async IAsyncEnumerable<LogEntry> ConsumeAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Interlocked.Exchange(ref _reading, 1) == 1)
        {
            throw new InvalidOperationException("This LogConsumer is already being read; a Kafka consumer serves one loop at a time.");
        }

        try
        {
            if (!_subscribed)
            {
                _consumer.Subscribe(_topic);
                _subscribed = true;
            }

            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var record = await NextAsync(cancellationToken);
                if (record is null)
                {
                    continue;
                }

                if (Parse(record.Message.Value) is not { } entry)
                {
                    Interlocked.Increment(ref _skipped);
                    Store(record);
                    continue;
                }

                yield return entry;

                // The caller asked for the next entry: it is done with this one.
                Store(record);
            }
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
        }
    }

    /// <summary>Leaves the group, committing the stored offsets, and releases the client.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            _consumer.Close();
        }
        finally
        {
            _consumer.Dispose();
        }
    }

    private async Task<ConsumeResult<Ignore, byte[]>?> NextAsync(CancellationToken cancellationToken)
    {
        try
        {
            // A record already fetched comes back at once; otherwise wait off the caller's thread.
            return _consumer.Consume(TimeSpan.Zero)
                ?? await Task.Run(() => _consumer.Consume(PollTimeout), cancellationToken);
        }
        catch (ConsumeException e) when (!e.Error.IsFatal)
        {
            // E.g. the topic does not exist yet: librdkafka keeps trying, so do we.
            return null;
        }
    }

    private static void Store(ConsumeResult<Ignore, byte[]> record) => _ = record;

    private static LogEntry? Parse(byte[]? value)
    {
        if (value is null)
        {
            return null;
        }

        try
        {
            var entry = JsonSerializer.Deserialize<LogEntry>(value, StrictJson);
            return entry is null || string.IsNullOrWhiteSpace(entry.Level) || string.IsNullOrWhiteSpace(entry.Message) ? null : entry;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
